package workday_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// FuzzParseNotice: ParseNotice and ParseAmendment never panic, every error
// is a *NoticeError (or, for ParseAmendment, the base's *DataError) matching
// ErrInvalidData, and an accepted Year survives MarshalYears and ParseYears
// unchanged.
func FuzzParseNotice(f *testing.F) {
	var texts [][]byte
	for _, name := range []string{"2024.txt", "2025.txt", "2026.txt", "2019-amend-labour.txt", "2020-amend-spring.txt", "2015-amend-victory-day.txt"} {
		texts = append(texts, noticeFile(f, name))
	}
	for _, text := range texts {
		f.Add(text)
	}
	t26 := texts[2]
	for _, m := range [][2]string{
		{"（周四）", "（周五）"},           // wrong weekday
		{"共9天", "共8天"},             // count mismatch
		{"9月20日（周日）", "9月18日（周五）"}, // 上班 on a weekday
		{"2月28日", "2月30日"},         // no such date
		{"至23日", "至"},              // truncated range
		{"一、元旦：", "一、元旦"},          // no colon
		{"国办发明电〔2025〕7号", ""},      // no number
		{"2025年11月4日", ""},         // no date
		{"2月15日（农历腊月二十八、周日）", "2月17日（周二）"}, // statutory day off lost
		{"（", "("}, {"）", ")"}, {"：", ":"}, {"、", ","}, {"\n", "\r\n"}, // ASCII punctuation
		{"三、清明节：", "三、清明节：延长清明节假期至4月7日（周二）。"},
	} {
		f.Add(bytes.ReplaceAll(t26, []byte(m[0]), []byte(m[1])))
	}
	f.Add(append([]byte("\uFEFF"), t26...))
	f.Add(t26[:len(t26)/2])
	f.Add([]byte(notice2026Short))
	f.Add([]byte{})

	bases := []workday.Year{base2019(), base2020(), base2015()}
	if y, err := workday.ParseNotice(t26); err == nil {
		bases = append(bases, y)
	}

	f.Fuzz(func(t *testing.T, text []byte) {
		y, err := workday.ParseNotice(text)
		if err != nil {
			require.ErrorIs(t, err, workday.ErrInvalidData)
			var ne *workday.NoticeError
			require.ErrorAs(t, err, &ne)
		} else {
			roundTrip(t, y)
		}
		for _, base := range bases {
			y, err := workday.ParseAmendment(base, text)
			if err != nil {
				require.ErrorIs(t, err, workday.ErrInvalidData)
				var ne *workday.NoticeError
				var de *workday.DataError
				require.True(t, errors.As(err, &ne) || errors.As(err, &de), "%T", err)
				continue
			}
			roundTrip(t, y)
		}
	})
}

func roundTrip(t *testing.T, y workday.Year) {
	t.Helper()
	data, err := workday.MarshalYears([]workday.Year{y})
	require.NoError(t, err)
	back, err := workday.ParseYears(data)
	require.NoError(t, err, "%s", data)
	require.Equal(t, []workday.Year{y}, back)
}
