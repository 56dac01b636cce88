package model

import "testing"

func TestEnglishName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Phường An Xuyên", "An Xuyen Ward"},
		{"Phường 5", "Ward 5"},
		{"phường 12", "Ward 12"},
		{"Xã Đất Mũi", "Dat Mui Commune"},
		{"Xã Mát", "Mat Commune"},
		{"Xa Mát", "Xa Mat"}, // a name that only looks like the kind word without its accent
		{"Thị trấn Càng Long", "Cang Long Township"},
		{"Thị xã Duyên Hải", "Duyen Hai Town"},
		{"Thành phố Hồ Chí Minh", "Ho Chi Minh City"},
		{"Quận 1", "District 1"},
		{"Huyện Cầu Kè", "Cau Ke District"},
		{"Tỉnh Cà Mau", "Ca Mau Province"},
		{"Đặc khu Phú Quốc", "Phu Quoc Special Zone"},
		{"đặc khu Côn Đảo", "Con Dao Special Zone"},
		{"Cà Mau", "Ca Mau"},
		{"Phường", "Phuong"}, // the word alone is a name, not a kind
		{"Trà Vinh", "Tra Vinh"},
	} {
		if got := EnglishName(tc.name); got != tc.want {
			t.Errorf("EnglishName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
