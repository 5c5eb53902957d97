package workday

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The integer day arithmetic must agree with package time over the whole
// supported range.
func TestDayNumberAgreesWithTime(t *testing.T) {
	require.Equal(t, int64(minDay), dayNumber(1, time.January, 1))
	require.Equal(t, int64(maxDay), dayNumber(9999, time.December, 31))
	for z := int64(minDay); z <= maxDay; z += 97 {
		tm := time.Unix(z*secsPerDay, 0).UTC()
		d := civil(z)
		if !assert.Equal(t, Date{tm.Year(), tm.Month(), tm.Day()}, d, "day %d", z) ||
			!assert.Equal(t, z, dayNumber(d.Year, d.Month, d.Day)) ||
			!assert.Equal(t, tm.Weekday(), weekdayOf(z)) {
			return
		}
	}
}

func TestWeekdayCounting(t *testing.T) {
	// weekdaysBefore against a brute-force count around day 0 (negative days
	// included), and nthWeekday as its inverse.
	var k int64
	for x := int64(-50); x < 50; x++ {
		require.Equal(t, k, weekdaysBefore(x)-weekdaysBefore(-50), "x=%d", x)
		if !isWeekend(x) {
			require.Equal(t, x, nthWeekday(weekdaysBefore(x)))
			k++
		}
	}
}

func TestInstantBounds(t *testing.T) {
	assert.Equal(t, Date{1, 1, 1}, DateOf(time.Unix(minUnix, 0)))
	assert.Equal(t, Date{9999, 12, 31}, DateOf(time.Unix(maxUnix, 0)))
	assert.Equal(t, Date{10000, 1, 1}, DateOf(time.Unix(maxUnix+1, 0)))
}
