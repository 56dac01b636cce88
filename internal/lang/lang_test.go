package lang

import "testing"

func TestTextIn(t *testing.T) {
	tests := []struct {
		text       Text
		code, want string
		translated bool
	}{
		{T("Phường 1", "Ward 1"), VI, "Phường 1", true},
		{T("Phường 1", "Ward 1"), EN, "Ward 1", true},
		{T("Long Đức", ""), EN, "Long Đức", false},
		{T("Long Đức", ""), VI, "Long Đức", true},
		{T("", "only English"), VI, "", true},
	}
	for _, tt := range tests {
		if got := tt.text.In(tt.code); got != tt.want {
			t.Errorf("%#v.In(%s) = %q, want %q", tt.text, tt.code, got, tt.want)
		}
		if got := tt.text.Translated(tt.code); got != tt.translated {
			t.Errorf("%#v.Translated(%s) = %v, want %v", tt.text, tt.code, got, tt.translated)
		}
	}
	if Other(VI) != EN || Other(EN) != VI {
		t.Error("Other does not swap vi and en")
	}
	if !(Text{}).IsZero() || T("a", "").IsZero() {
		t.Error("IsZero")
	}
}
