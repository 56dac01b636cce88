package serve

import (
	"fmt"
	"net"
	"strconv"

	"github.com/covsite/covsite/internal/diag"
)

// listening says where the preview can be opened. A listener on every interface (--bind
// 0.0.0.0 or ::) has no address a browser can use, so it says so and gives this machine's
// loopback address instead of http://[::]:1313/.
func (s *Server) listening(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return fmt.Sprintf(diag.W("đang phục vụ http://%s/ — bấm Ctrl-C để dừng", "serving http://%s/ — Ctrl-C to stop").In(s.opts.Lang), addr)
	}
	local := "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port)) + "/"
	return fmt.Sprintf(diag.W(
		"đang phục vụ trên mọi giao diện mạng, cổng %d — trên máy này mở %s, từ máy khác dùng địa chỉ của máy này; bấm Ctrl-C để dừng",
		"serving on all network interfaces, port %d — on this computer open %s, from another one use this computer's address; Ctrl-C to stop").In(s.opts.Lang),
		tcp.Port, local)
}
