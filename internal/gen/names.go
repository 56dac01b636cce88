package gen

// oldProvince is a province or centrally governed city before 1 July 2025: its name, kind,
// rough numbers of districts and communes (which weight the synthetic ones) and the
// province it became part of. A province whose new name equals its own continued as the
// same locality; the others ended on 30 June 2025.
type oldProvince struct {
	name, nameEN string
	kind         string
	districts    int
	communes     int
	becomes      string // name of the province since 1 July 2025
}

// newProvince is a province or centrally governed city since 1 July 2025.
type newProvince struct {
	name, nameEN string
	kind         string
	communes     int // rough number of communes, weights the synthetic ones
}

// oldProvinces are the 63 provinces and cities before the 2025 reorganisation, north to
// south. The counts are close to the real ones and only set proportions.
var oldProvinces = []oldProvince{
	{"Hà Nội", "Ha Noi", "thanh-pho-tw", 30, 526, "Hà Nội"},
	{"Hà Giang", "Ha Giang", "tinh", 11, 193, "Tuyên Quang"},
	{"Cao Bằng", "Cao Bang", "tinh", 10, 161, "Cao Bằng"},
	{"Bắc Kạn", "Bac Kan", "tinh", 8, 108, "Thái Nguyên"},
	{"Tuyên Quang", "Tuyen Quang", "tinh", 7, 124, "Tuyên Quang"},
	{"Lào Cai", "Lao Cai", "tinh", 9, 152, "Lào Cai"},
	{"Điện Biên", "Dien Bien", "tinh", 10, 129, "Điện Biên"},
	{"Lai Châu", "Lai Chau", "tinh", 8, 106, "Lai Châu"},
	{"Sơn La", "Son La", "tinh", 12, 200, "Sơn La"},
	{"Yên Bái", "Yen Bai", "tinh", 9, 168, "Lào Cai"},
	{"Hòa Bình", "Hoa Binh", "tinh", 10, 151, "Phú Thọ"},
	{"Thái Nguyên", "Thai Nguyen", "tinh", 9, 172, "Thái Nguyên"},
	{"Lạng Sơn", "Lang Son", "tinh", 11, 200, "Lạng Sơn"},
	{"Quảng Ninh", "Quang Ninh", "tinh", 13, 171, "Quảng Ninh"},
	{"Bắc Giang", "Bac Giang", "tinh", 10, 192, "Bắc Ninh"},
	{"Phú Thọ", "Phu Tho", "tinh", 13, 207, "Phú Thọ"},
	{"Vĩnh Phúc", "Vinh Phuc", "tinh", 9, 121, "Phú Thọ"},
	{"Bắc Ninh", "Bac Ninh", "tinh", 8, 121, "Bắc Ninh"},
	{"Hải Dương", "Hai Duong", "tinh", 12, 207, "Hải Phòng"},
	{"Hải Phòng", "Hai Phong", "thanh-pho-tw", 15, 167, "Hải Phòng"},
	{"Hưng Yên", "Hung Yen", "tinh", 10, 139, "Hưng Yên"},
	{"Thái Bình", "Thai Binh", "tinh", 8, 260, "Hưng Yên"},
	{"Hà Nam", "Ha Nam", "tinh", 6, 98, "Ninh Bình"},
	{"Nam Định", "Nam Dinh", "tinh", 10, 204, "Ninh Bình"},
	{"Ninh Bình", "Ninh Binh", "tinh", 8, 119, "Ninh Bình"},
	{"Thanh Hóa", "Thanh Hoa", "tinh", 26, 547, "Thanh Hóa"},
	{"Nghệ An", "Nghe An", "tinh", 21, 412, "Nghệ An"},
	{"Hà Tĩnh", "Ha Tinh", "tinh", 13, 209, "Hà Tĩnh"},
	{"Quảng Bình", "Quang Binh", "tinh", 8, 145, "Quảng Trị"},
	{"Quảng Trị", "Quang Tri", "tinh", 10, 125, "Quảng Trị"},
	{"Huế", "Hue", "thanh-pho-tw", 9, 133, "Huế"},
	{"Đà Nẵng", "Da Nang", "thanh-pho-tw", 8, 56, "Đà Nẵng"},
	{"Quảng Nam", "Quang Nam", "tinh", 18, 233, "Đà Nẵng"},
	{"Quảng Ngãi", "Quang Ngai", "tinh", 13, 173, "Quảng Ngãi"},
	{"Bình Định", "Binh Dinh", "tinh", 11, 155, "Gia Lai"},
	{"Phú Yên", "Phu Yen", "tinh", 9, 106, "Đắk Lắk"},
	{"Khánh Hòa", "Khanh Hoa", "tinh", 9, 136, "Khánh Hòa"},
	{"Ninh Thuận", "Ninh Thuan", "tinh", 7, 65, "Khánh Hòa"},
	{"Bình Thuận", "Binh Thuan", "tinh", 10, 124, "Lâm Đồng"},
	{"Kon Tum", "Kon Tum", "tinh", 10, 102, "Quảng Ngãi"},
	{"Gia Lai", "Gia Lai", "tinh", 17, 218, "Gia Lai"},
	{"Đắk Lắk", "Dak Lak", "tinh", 15, 184, "Đắk Lắk"},
	{"Đắk Nông", "Dak Nong", "tinh", 8, 71, "Lâm Đồng"},
	{"Lâm Đồng", "Lam Dong", "tinh", 12, 142, "Lâm Đồng"},
	{"Bình Phước", "Binh Phuoc", "tinh", 11, 111, "Đồng Nai"},
	{"Tây Ninh", "Tay Ninh", "tinh", 9, 94, "Tây Ninh"},
	{"Bình Dương", "Binh Duong", "tinh", 9, 91, "Hồ Chí Minh"},
	{"Đồng Nai", "Dong Nai", "tinh", 11, 170, "Đồng Nai"},
	{"Bà Rịa – Vũng Tàu", "Ba Ria – Vung Tau", "tinh", 8, 82, "Hồ Chí Minh"},
	{"Hồ Chí Minh", "Ho Chi Minh City", "thanh-pho-tw", 22, 312, "Hồ Chí Minh"},
	{"Long An", "Long An", "tinh", 15, 188, "Tây Ninh"},
	{"Tiền Giang", "Tien Giang", "tinh", 11, 172, "Đồng Tháp"},
	{"Bến Tre", "Ben Tre", "tinh", 9, 157, "Vĩnh Long"},
	{"Trà Vinh", "Tra Vinh", "tinh", 9, 106, "Vĩnh Long"},
	{"Vĩnh Long", "Vinh Long", "tinh", 8, 107, "Vĩnh Long"},
	{"Đồng Tháp", "Dong Thap", "tinh", 12, 143, "Đồng Tháp"},
	{"An Giang", "An Giang", "tinh", 11, 155, "An Giang"},
	{"Kiên Giang", "Kien Giang", "tinh", 15, 144, "An Giang"},
	{"Cần Thơ", "Can Tho", "thanh-pho-tw", 9, 83, "Cần Thơ"},
	{"Hậu Giang", "Hau Giang", "tinh", 8, 75, "Cần Thơ"},
	{"Sóc Trăng", "Soc Trang", "tinh", 11, 108, "Cần Thơ"},
	{"Bạc Liêu", "Bac Lieu", "tinh", 7, 64, "Cà Mau"},
	{"Cà Mau", "Ca Mau", "tinh", 9, 100, "Cà Mau"},
}

// newProvinces are the 34 provinces and cities since 1 July 2025.
var newProvinces = []newProvince{
	{"Hà Nội", "Ha Noi", "thanh-pho-tw", 126},
	{"Tuyên Quang", "Tuyen Quang", "tinh", 124},
	{"Cao Bằng", "Cao Bang", "tinh", 56},
	{"Thái Nguyên", "Thai Nguyen", "tinh", 92},
	{"Lào Cai", "Lao Cai", "tinh", 99},
	{"Điện Biên", "Dien Bien", "tinh", 45},
	{"Lai Châu", "Lai Chau", "tinh", 38},
	{"Sơn La", "Son La", "tinh", 75},
	{"Phú Thọ", "Phu Tho", "tinh", 148},
	{"Lạng Sơn", "Lang Son", "tinh", 65},
	{"Quảng Ninh", "Quang Ninh", "tinh", 54},
	{"Bắc Ninh", "Bac Ninh", "tinh", 99},
	{"Hải Phòng", "Hai Phong", "thanh-pho-tw", 114},
	{"Hưng Yên", "Hung Yen", "tinh", 104},
	{"Ninh Bình", "Ninh Binh", "tinh", 129},
	{"Thanh Hóa", "Thanh Hoa", "tinh", 166},
	{"Nghệ An", "Nghe An", "tinh", 130},
	{"Hà Tĩnh", "Ha Tinh", "tinh", 69},
	{"Quảng Trị", "Quang Tri", "tinh", 78},
	{"Huế", "Hue", "thanh-pho-tw", 40},
	{"Đà Nẵng", "Da Nang", "thanh-pho-tw", 94},
	{"Quảng Ngãi", "Quang Ngai", "tinh", 96},
	{"Gia Lai", "Gia Lai", "tinh", 135},
	{"Đắk Lắk", "Dak Lak", "tinh", 102},
	{"Khánh Hòa", "Khanh Hoa", "tinh", 65},
	{"Lâm Đồng", "Lam Dong", "tinh", 124},
	{"Đồng Nai", "Dong Nai", "tinh", 95},
	{"Hồ Chí Minh", "Ho Chi Minh City", "thanh-pho-tw", 168},
	{"Tây Ninh", "Tay Ninh", "tinh", 96},
	{"Đồng Tháp", "Dong Thap", "tinh", 102},
	{"Vĩnh Long", "Vinh Long", "tinh", 124},
	{"Cần Thơ", "Can Tho", "thanh-pho-tw", 103},
	{"An Giang", "An Giang", "tinh", 102},
	{"Cà Mau", "Ca Mau", "tinh", 64},
}

// Syllables of synthetic place names: the common first and second halves of Vietnamese
// commune and district names.
var (
	firstSyllables = []string{
		"An", "Bình", "Phú", "Tân", "Long", "Hòa", "Thạnh", "Vĩnh", "Mỹ", "Phước", "Thuận", "Hưng",
		"Đông", "Tây", "Nam", "Bắc", "Trung", "Quang", "Hiệp", "Thới", "Thanh", "Xuân", "Đức", "Tam",
		"Hải", "Sơn", "Kim", "Ngọc", "Cẩm", "Hợp", "Quảng", "Yên", "Minh", "Nghĩa", "Lộc", "Đại",
		"Hồng", "Gia", "Lương", "Thái", "Tiên", "Hạ", "Thượng", "Đồng", "Lạc", "Cát", "Hoàng", "Kỳ",
	}
	secondSyllables = []string{
		"Bình", "Hòa", "Phú", "Thạnh", "Lợi", "Hưng", "Thuận", "Lộc", "Phước", "Điền", "Mỹ", "Khánh",
		"An", "Sơn", "Hải", "Thủy", "Lâm", "Trung", "Đông", "Tây", "Tiến", "Thành", "Long", "Hiệp",
		"Quang", "Minh", "Nghĩa", "Tân", "Xuân", "Hạnh", "Định", "Cường", "Phong", "Lạc", "Thắng", "Hội",
		"Vinh", "Hà", "Dương", "Giang", "Châu", "Ninh", "Yên", "Kiệt", "Đạt", "Hoa", "Tường", "Nguyên",
	}
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middleNames = []string{"Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Đức", "Thu", "Công"}
	givenNames  = []string{"Hùng", "Lan", "Dũng", "Hà", "Tuấn", "Mai", "Sơn", "Hương", "Long", "Thảo", "Nam", "Hạnh", "Phong", "Linh", "Quân", "Yến", "Thắng", "Trang"}
)
