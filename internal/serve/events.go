package serve

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// client is one open browser tab listening for reloads.
type client struct {
	path string      // the output path the tab shows, "" when it is not a page of the site
	send chan uint64 // versions to announce; holds only the latest
}

// notify announces version v without blocking; an older pending version is replaced.
func (c *client) notify(v uint64) {
	for {
		select {
		case c.send <- v:
			return
		default:
		}
		select {
		case <-c.send:
		default:
		}
	}
}

// hub is the set of open tabs.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
}

func (h *hub) add(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients == nil {
		h.clients = map[*client]struct{}{}
	}
	h.clients[c] = struct{}{}
}

func (h *hub) remove(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// snapshot returns the open tabs.
func (h *hub) snapshot() []*client {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*client, 0, len(h.clients))
	for c := range h.clients {
		out = append(out, c)
	}
	return out
}

// keepAlive is how often an idle event stream gets a comment line, so proxies and
// browsers keep it open.
const keepAlive = 15 * time.Second

// handleEvents is the Server-Sent Events stream of one tab: "hello" with the current
// version at once, then "reload" whenever what the tab shows has changed.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	path, _ := outputPath(r.URL.Query().Get("path"))
	c := &client{path: path, send: make(chan uint64, 1)}
	s.hub.add(c)
	defer s.hub.remove(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	if !writeEvent(w, flusher, "hello", s.currentVersion()) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case v := <-c.send:
			if !writeEvent(w, flusher, "reload", v) {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// writeEvent writes one event and flushes it; false means the tab has gone.
func writeEvent(w http.ResponseWriter, f http.Flusher, name string, v uint64) bool {
	if _, err := fmt.Fprintf(w, "event: %s\ndata: %d\n\n", name, v); err != nil {
		return false
	}
	f.Flush()
	return true
}
