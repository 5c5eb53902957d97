package duty

import "testing"

func TestRepeats(t *testing.T) {
	for _, n := range []int{1, 8, 9, 40} {
		var r Repeats[int]
		for i := range n {
			if r.Add(i * 3) {
				t.Fatalf("n=%d: %d reported as repeated on first add", n, i*3)
			}
		}
		for i := range n {
			if !r.Add(i * 3) {
				t.Fatalf("n=%d: %d not reported as repeated", n, i*3)
			}
		}
		if r.Add(1) {
			t.Fatalf("n=%d: 1 was never added", n)
		}
	}
}
