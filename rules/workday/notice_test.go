package workday_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// noticeFile reads testdata/notices/name and returns the notice text after
// its citation header (the lines up to and including "----"): the parser
// must not rely on the header.
func noticeFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "notices", name))
	require.NoError(t, err)
	_, text, ok := bytes.Cut(data, []byte("\n----\n"))
	require.True(t, ok, "%s: no citation header ending in a line ----", name)
	return text
}

// nd parses "2006-01-02"; it panics on a typo in a test literal.
func nd(s string) workday.Date {
	v, err := workday.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func nds(ss ...string) []workday.Date {
	var out []workday.Date
	for _, s := range ss {
		out = append(out, nd(s))
	}
	return out
}

func embeddedYear(t *testing.T, year int) workday.Year {
	t.Helper()
	years, err := workday.EmbeddedYears()
	require.NoError(t, err)
	for _, y := range years {
		if y.Year == year {
			return y
		}
	}
	t.Fatalf("no embedded year %d", year)
	return workday.Year{}
}

// edit replaces old, which must occur exactly once, by new.
func edit(t *testing.T, text []byte, old, new string) []byte {
	t.Helper()
	require.Equal(t, 1, bytes.Count(text, []byte(old)), "%q must occur once", old)
	return bytes.Replace(text, []byte(old), []byte(new), 1)
}

// replaceBody replaces the body of the numbered paragraph whose line starts
// with head (e.g. "一、元旦：").
func replaceBody(t *testing.T, text []byte, head, body string) []byte {
	t.Helper()
	lines := strings.Split(string(text), "\n")
	n := 0
	for i, l := range lines {
		if strings.HasPrefix(l, head) {
			lines[i] = head + body
			n++
		}
	}
	require.Equal(t, 1, n, "one paragraph starting %q", head)
	return []byte(strings.Join(lines, "\n"))
}

func TestParseNoticeReproducesEmbeddedData(t *testing.T) {
	for _, year := range []int{2024, 2025, 2026} {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			got, err := workday.ParseNotice(noticeFile(t, fmt.Sprintf("%d.txt", year)))
			require.NoError(t, err)
			assert.Equal(t, embeddedYear(t, year), got)
		})
	}
}

func TestParseNoticeDates(t *testing.T) {
	base := noticeFile(t, "2026.txt")
	tests := []struct {
		name           string
		head, body     string
		from, to       string
		makeup         []string
		festivalInText string // the festival's name, when not the head's
	}{
		{"range in a month", "一、元旦：", "1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。",
			"2026-01-01", "2026-01-03", []string{"2026-01-04"}, ""},
		{"single day with the weekend", "一、元旦：", "1月1日放假，与周末连休。",
			"2026-01-01", "2026-01-01", nil, ""},
		{"single day, no swap", "一、元旦：", "1月1日（周四）放假1天，不调休。",
			"2026-01-01", "2026-01-01", nil, ""},
		{"2024 style 星期", "一、元旦：", "1月1日（星期四）至3日（星期六）放假调休，共3天。1月4日（星期日）上班。",
			"2026-01-01", "2026-01-03", []string{"2026-01-04"}, ""},
		{"星期天", "一、元旦：", "1月1日（星期四）至3日（星期六）放假调休，共3天。1月4日（星期天）上班。",
			"2026-01-01", "2026-01-03", []string{"2026-01-04"}, ""},
		{"ASCII punctuation", "一、元旦：", "1月1日(周四)至3日(周六)放假调休,共3天.1月4日(周日)上班.",
			"2026-01-01", "2026-01-03", []string{"2026-01-04"}, ""},
		{"count in Chinese numerals", "一、元旦：", "1月1日（周四）至3日（周六）放假调休，共三天。1月4日（周日）上班。",
			"2026-01-01", "2026-01-03", []string{"2026-01-04"}, ""},
		{"full-width digits", "一、元旦：", "１月１日（周四）至３日（周六）放假调休，共３天。１月４日（周日）上班。",
			"2026-01-01", "2026-01-03", []string{"2026-01-04"}, ""},
		{"dates with the year", "一、元旦：", "2026年1月1日（周四）至2026年1月3日（周六）放假调休，共3天。2026年1月4日（周日）上班。",
			"2026-01-01", "2026-01-03", []string{"2026-01-04"}, ""},
		{"补休 on the next day", "一、元旦：", "1月1日（周四）放假，1月2日（周五）补休。",
			"2026-01-01", "2026-01-02", nil, ""},
		{"lunar notes", "二、春节：", "2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。",
			"2026-02-15", "2026-02-23", []string{"2026-02-14", "2026-02-28"}, ""},
		{"ASCII lists", "二、春节：", "2月15日(农历腊月二十八,周日)至23日(农历正月初七,周一)放假调休,共9天.2月14日(周六),2月28日(周六)上班.",
			"2026-02-15", "2026-02-23", []string{"2026-02-14", "2026-02-28"}, ""},
		{"day only after 、", "二、春节：", "2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、28日（周六）上班。",
			"2026-02-15", "2026-02-23", []string{"2026-02-14", "2026-02-28"}, ""},
		{"note without dates kept", "二、春节：", "2月15日至23日放假调休，共9天。2月14日（星期六）、2月28日（星期六）上班。鼓励各单位安排职工在除夕（2月16日）休息。",
			"2026-02-15", "2026-02-23", []string{"2026-02-14", "2026-02-28"}, ""},
		{"cross-month range", "七、国庆节：", "9月30日（周三）至10月7日（周三）放假调休，共8天。9月20日（周日）、10月10日（周六）上班。",
			"2026-09-30", "2026-10-07", []string{"2026-09-20", "2026-10-10"}, ""},
		{"range written with a dash", "七、国庆节：", "10月1日（周四）-7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。",
			"2026-10-01", "2026-10-07", []string{"2026-09-20", "2026-10-10"}, ""},
		{"补休 after a weekend", "五、端午节：", "6月19日（周五）放假，6月22日（周一）补休。",
			"2026-06-19", "2026-06-22", nil, ""},
		{"work resumes", "五、端午节：", "6月19日（周五）至21日（周日）放假，共3天。6月22日（周一）起正常上班。",
			"2026-06-19", "2026-06-21", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := replaceBody(t, base, tc.head, tc.body)
			y, err := workday.ParseNotice(text)
			require.NoError(t, err)
			name := strings.TrimSuffix(tc.head[strings.Index(tc.head, "、")+len("、"):], "：")
			var got *workday.Festival
			for i, f := range y.Sources[0].Festivals {
				if f.Name == name {
					got = &y.Sources[0].Festivals[i]
				}
			}
			require.NotNil(t, got, "festival %s", name)
			var makeup []workday.Date
			if tc.makeup != nil {
				makeup = nds(tc.makeup...)
			}
			assert.Equal(t, workday.Festival{Name: name, From: nd(tc.from), To: nd(tc.to), Makeup: makeup, Note: tc.body}, *got)
		})
	}
}

func TestParseNoticeTextNoise(t *testing.T) {
	want26 := embeddedYear(t, 2026)
	text26 := noticeFile(t, "2026.txt")
	want25 := embeddedYear(t, 2025)
	text25 := noticeFile(t, "2025.txt")

	indented := func(text []byte) []byte {
		var b bytes.Buffer
		for _, l := range strings.Split(string(text), "\n") {
			b.WriteString("\u3000\u3000" + l + " \t\n\n")
		}
		return b.Bytes()
	}
	tests := []struct {
		name string
		text []byte
		want workday.Year
	}{
		{"as published", text26, want26},
		{"Windows line endings", bytes.ReplaceAll(text26, []byte("\n"), []byte("\r\n")), want26},
		{"BOM and CR line endings", append([]byte("\uFEFF"), bytes.ReplaceAll(text26, []byte("\n"), []byte("\r"))...), want26},
		{"BOM and CRLF", append([]byte("\uFEFF"), bytes.ReplaceAll(text26, []byte("\n"), []byte("\r\n"))...), want26},
		{"indentation and blank lines", indented(text26), want26},
		{"no blank lines", bytes.ReplaceAll(text26, []byte("\n\n"), []byte("\n")), want26},
		{"title on one line", edit(t, text26, "2026年\n部分", "2026年部分"), want26},
		{"ASCII number and colon", edit(t, edit(t, text26, "一、元旦：", "一,元旦:"), "二、春节：", "二．春节："), want26},
		{"ASCII brackets in the number", edit(t, text26, "国办发明电〔2025〕7号", "国办发明电[2025]7号"), want26},
		{"full-width digits in the date", edit(t, text26, "2025年11月4日", "２０２５年１１月４日"), want26},
		{"此件公开发布", append(bytes.TrimRight(text26, "\n"), []byte("\n（此件公开发布）\n")...), want26},
		{"no salutation, preamble or closing", dropLines(text26, "各省", "经国务院", "鼓励单位"), want26},
		{"name with ASCII commas", edit(t, text25, "六、国庆节、中秋节：", "六,国庆节,中秋节:"), want25},
		{"name with full-width commas", edit(t, text25, "六、国庆节、中秋节：", "六、国庆节，中秋节："), want25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := workday.ParseNotice(tc.text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}

	t.Run("citation header is not read", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join("testdata", "notices", "2026.txt"))
		require.NoError(t, err)
		_, err = workday.ParseNotice(data)
		var ne *workday.NoticeError
		require.ErrorAs(t, err, &ne)
		assert.Equal(t, "title", ne.Paragraph)
	})
}

// dropLines removes the lines starting with any of the prefixes.
func dropLines(text []byte, prefixes ...string) []byte {
	var out []string
	for _, l := range strings.Split(string(text), "\n") {
		keep := true
		for _, p := range prefixes {
			keep = keep && !strings.HasPrefix(l, p)
		}
		if keep {
			out = append(out, l)
		}
	}
	return []byte(strings.Join(out, "\n"))
}

func TestParseNoticeErrors(t *testing.T) {
	text := noticeFile(t, "2026.txt")
	numbered := dropLines(text, "一、", "二、", "三、", "四、", "五、", "六、", "七、")
	invalidUTF8 := edit(t, text, "三、清明节", "三、清明\xff节")
	tests := []struct {
		name      string
		text      []byte
		paragraph string          // want Paragraph
		at        string          // the line named contains this
		problem   workday.Problem // want the *DataError's Problem; 0: Err is nil
		date      string          // want the *DataError's Date
		prefix    bool            // paragraph is a prefix of Paragraph
	}{
		{"wrong weekday", edit(t, text, "1月1日（周四）", "1月1日（周五）"), "一、元旦", "一、元旦", 0, "", false},
		{"wrong weekday beside a lunar note", edit(t, text, "23日（农历正月初七、周一）", "23日（农历正月初七、周二）"), "二、春节", "二、春节", 0, "", false},
		{"wrong weekday of a make-up day", edit(t, text, "10月10日（周六）", "10月10日（周日）"), "七、国庆节", "七、国庆节", 0, "", false},
		{"not a weekday", edit(t, text, "1月4日（周日）", "1月4日（周末）"), "一、元旦", "一、元旦", 0, "", false},
		{"count mismatch", edit(t, text, "共9天", "共8天"), "二、春节", "二、春节", 0, "", false},
		{"count without days", replaceBody(t, text, "三、清明节：", "共3天。4月4日（周六）至6日（周一）放假。"), "三、清明节", "三、清明节", 0, "", false},
		{"make-up day on a weekday", edit(t, text, "9月20日（周日）", "9月18日（周五）"), "七、国庆节", "七、国庆节", 0, "", false},
		{"February 30", edit(t, text, "2月28日（周六）上班", "2月30日（周六）上班"), "二、春节", "二、春节", 0, "", false},
		{"month 13", edit(t, text, "10月10日（周六）上班", "13月10日上班"), "七、国庆节", "七、国庆节", 0, "", false},
		{"day 32 after 至", edit(t, text, "至23日", "至32日"), "二、春节", "二、春节", 0, "", false},
		{"range ends before it starts", edit(t, text, "5月1日（周五）至5日（周二）", "5月5日（周二）至1日（周五）"), "四、劳动节", "四、劳动节", 0, "", false},
		{"date in another year", edit(t, text, "1月1日（周四）至3日（周六）", "2025年12月31日（周三）至2026年1月3日（周六）"), "一、元旦", "一、元旦", 0, "", false},
		{"statutory day a working day",
			edit(t, text, "2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天", "2月17日（周二）至23日（周一）放假调休，共7天"),
			"二、春节", "二、春节", workday.ProblemStatutoryDay, "2026-02-16", false},
		{"statutory festival missing", dropLines(text, "三、", "四、", "五、", "六、", "七、"),
			"body", "一、元旦", workday.ProblemStatutoryDay, "2026-04-05", false},
		{"holiday and make-up day", edit(t, text, "1月4日（周日）上班", "1月3日（周六）上班"), "一、元旦", "一、元旦", workday.ProblemHolidayAndMakeup, "2026-01-03", false},
		{"blocks overlap", replaceBody(t, text, "六、中秋节：", "10月1日（周四）至3日（周六）放假，共3天。"), "七、国庆节", "七、国庆节", workday.ProblemDuplicateDate, "2026-10-01", false},
		{"two blocks", replaceBody(t, text, "一、元旦：", "1月1日（周四）放假。1月8日（周四）放假。"), "一、元旦", "一、元旦", 0, "", false},
		{"no verb", replaceBody(t, text, "一、元旦：", "1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）照常。"), "一、元旦", "一、元旦", 0, "", false},
		{"unbalanced brackets", edit(t, text, "1月4日（周日）上班", "1月4日（周日上班"), "一、元旦", "一、元旦", 0, "", false},
		{"date inside a clause", replaceBody(t, text, "三、清明节：", "4月4日（周六）至6日（周一）放假，共3天。鼓励在4月7日休息。"), "三、清明节", "三、清明节", 0, "", false},
		{"no days off", replaceBody(t, text, "三、清明节：", "另行通知。"), "三、清明节", "三、清明节", 0, "", false},
		{"extension in an annual notice", replaceBody(t, text, "三、清明节：", "延长清明节假期至4月7日（周二）。"), "三、清明节", "三、清明节", 0, "", false},
		{"work resumes too late", replaceBody(t, text, "五、端午节：", "6月19日（周五）至21日（周日）放假，共3天。6月23日（周二）起正常上班。"), "五、端午节", "五、端午节", 0, "", false},
		{"paragraph without colon", edit(t, text, "三、清明节：", "三、清明节"), "三、清明节", "三、清明节", 0, "", true},
		{"paragraph without name", edit(t, text, "三、清明节：", "三、："), "三、", "三、", 0, "", false},
		{"numbering out of order", edit(t, text, "四、劳动节", "五、劳动节"), "五、劳动节", "五、劳动节", 0, "", false},
		{"no numbered paragraph", numbered, "body", "各省", 0, "", false},
		{"missing number", edit(t, text, "国办发明电〔2025〕7号\n", ""), "number", "各省", 0, "", false},
		{"malformed number", edit(t, text, "国办发明电〔2025〕7号", "国办发明电〔25〕7号"), "number", "国办发明电", 0, "", false},
		{"number and date disagree", edit(t, text, "2025年11月4日", "2024年11月4日"), "number", "国办发明电", 0, "", false},
		{"missing date", edit(t, text, "2025年11月4日", ""), "date", "国务院办公厅", 0, "", false},
		{"date is not a date", edit(t, text, "2025年11月4日", "2025年2月30日"), "date", "2025年2月30日", 0, "", false},
		{"date too early for the year",
			edit(t, edit(t, text, "国办发明电〔2025〕7号", "国办发明电〔2020〕7号"), "2025年11月4日", "2020年11月4日"),
			"date", "2020年11月4日", workday.ProblemCitation, "2020-11-04", false},
		{"title without a year", edit(t, text, "国务院办公厅关于2026年\n", "国务院办公厅关于\n"), "title", "国务院办公厅关于", 0, "", false},
		{"year outside the data range", edit(t, text, "关于2026年", "关于2300年"), "title", "国务院办公厅关于", workday.ProblemYear, "", false},
		{"no title", edit(t, text, "部分节假日安排的通知", "部分节假日安排"), "title", "国务院办公厅关于", 0, "", false},
		{"empty", nil, "title", "", 0, "", false},
		{"blank", []byte("\r\n \n\u3000\n"), "title", "", 0, "", false},
		{"not UTF-8", invalidUTF8, "", "三、清明", 0, "", false},
		{"too large", append(bytes.Repeat([]byte("\n"), 1<<20), text...), "", "", 0, "", false},
		{"2019: 元旦 begins in 2018", notice2019Original(), "一、元旦", "一、元旦", 0, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := workday.ParseNotice(tc.text)
			require.Error(t, err)
			t.Log(err)
			assert.ErrorIs(t, err, workday.ErrInvalidData)
			assert.True(t, strings.HasPrefix(err.Error(), "workday: "), err.Error())
			var ne *workday.NoticeError
			require.ErrorAs(t, err, &ne)
			if tc.prefix {
				assert.True(t, strings.HasPrefix(ne.Paragraph, tc.paragraph), "Paragraph %q", ne.Paragraph)
			} else {
				assert.Equal(t, tc.paragraph, ne.Paragraph, "%v", err)
			}
			assert.NotEmpty(t, ne.Reason)
			if tc.at != "" {
				lines := strings.Split(strings.ReplaceAll(string(tc.text), "\r\n", "\n"), "\n")
				require.True(t, ne.Line >= 1 && ne.Line <= len(lines), "Line %d", ne.Line)
				assert.Contains(t, lines[ne.Line-1], tc.at, "line %d", ne.Line)
			}
			var de *workday.DataError
			if tc.problem == 0 {
				assert.Nil(t, ne.Err, "%v", err)
				assert.False(t, errors.As(err, &de))
				return
			}
			require.ErrorAs(t, err, &de)
			assert.Same(t, ne.Err, de)
			assert.Equal(t, tc.problem, de.Problem, "%v", err)
			if tc.date != "" {
				assert.Equal(t, nd(tc.date), de.Date)
			}
		})
	}
}

// ---- the years amended, as their original notices fixed them ----

// base2015 is 国办发明电〔2014〕28号 (国务院办公厅关于2015年部分节假日安排的通知).
// Paragraphs as quoted, identically, by GitHub index files 43663834800 (a Go
// holiday table citing http://www.gov.cn/zhengce/content/2014-12/16/content_9302.htm)
// and 4199899186 (an SQL holiday table); the number from index file
// 41989658581 (a README listing the notices); holiday-cn 2015.json (file
// 37547655775) has the same days. The date 2014-12-16 is that of the gov.cn
// URL: the date under the signature was not read. 端午节 "6月20日放假，6月22日
// （星期一）补休" is one block 06-20..06-22 (the Sunday between is a day off
// either way), as ParseNotice reads it.
func base2015() workday.Year {
	return workday.Year{Year: 2015, Sources: []workday.Source{{
		Kind: workday.SourceNotice, Number: "国办发明电〔2014〕28号",
		Title: "国务院办公厅关于2015年部分节假日安排的通知", Date: nd("2014-12-16"),
		Festivals: []workday.Festival{
			{Name: "元旦", From: nd("2015-01-01"), To: nd("2015-01-03"), Makeup: nds("2015-01-04"),
				Note: "1月1日至3日放假调休，共3天。1月4日（星期日）上班。"},
			{Name: "春节", From: nd("2015-02-18"), To: nd("2015-02-24"), Makeup: nds("2015-02-15", "2015-02-28"),
				Note: "2月18日至24日放假调休，共7天。2月15日（星期日）、2月28日（星期六）上班。"},
			{Name: "清明节", From: nd("2015-04-05"), To: nd("2015-04-06"),
				Note: "4月5日放假，4月6日（星期一）补休。"},
			{Name: "劳动节", From: nd("2015-05-01"), To: nd("2015-05-01"),
				Note: "5月1日放假，与周末连休。"},
			{Name: "端午节", From: nd("2015-06-20"), To: nd("2015-06-22"),
				Note: "6月20日放假，6月22日（星期一）补休。"},
			{Name: "中秋节", From: nd("2015-09-27"), To: nd("2015-09-27"),
				Note: "9月27日放假。"},
			{Name: "国庆节", From: nd("2015-10-01"), To: nd("2015-10-07"), Makeup: nds("2015-10-10"),
				Note: "10月1日至7日放假调休，共7天。10月10日（星期六）上班。"},
		},
	}}}
}

// notice2015Original is the heading, numbered paragraphs and signature of
// base2015's notice (salutation, preamble and closing left out: they were
// not read).
func notice2015Original() []byte {
	return []byte(`国务院办公厅关于2015年部分节假日安排的通知
国办发明电〔2014〕28号

一、元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。
二、春节：2月18日至24日放假调休，共7天。2月15日（星期日）、2月28日（星期六）上班。
三、清明节：4月5日放假，4月6日（星期一）补休。
四、劳动节：5月1日放假，与周末连休。
五、端午节：6月20日放假，6月22日（星期一）补休。
六、中秋节：9月27日放假。
七、国庆节：10月1日至7日放假调休，共7天。10月10日（星期六）上班。

国务院办公厅
2014年12月16日
`)
}

// base2019 is 国办发明电〔2018〕15号 (国务院办公厅关于2019年部分节假日安排的通知),
// dated 2018年12月4日, as transcribed in full (title, number, salutation,
// paragraphs, signature, date) in GitHub index file 32171132175; holiday-cn
// 2019.json (file 37249199909) has the same days. Its 元旦 block began on
// 2018-12-30 with a make-up day on 2018-12-29: a Year holds only its own
// days, so the 2019 part, 01-01, is kept.
func base2019() workday.Year {
	return workday.Year{Year: 2019, Sources: []workday.Source{{
		Kind: workday.SourceNotice, Number: "国办发明电〔2018〕15号",
		Title: "国务院办公厅关于2019年部分节假日安排的通知", Date: nd("2018-12-04"),
		Festivals: []workday.Festival{
			{Name: "元旦", From: nd("2019-01-01"), To: nd("2019-01-01")},
			{Name: "春节", From: nd("2019-02-04"), To: nd("2019-02-10"), Makeup: nds("2019-02-02", "2019-02-03")},
			{Name: "清明节", From: nd("2019-04-05"), To: nd("2019-04-05")},
			{Name: "劳动节", From: nd("2019-05-01"), To: nd("2019-05-01")},
			{Name: "端午节", From: nd("2019-06-07"), To: nd("2019-06-07")},
			{Name: "中秋节", From: nd("2019-09-13"), To: nd("2019-09-13")},
			{Name: "国庆节", From: nd("2019-10-01"), To: nd("2019-10-07"), Makeup: nds("2019-09-29", "2019-10-12")},
		},
	}}}
}

// notice2019Original is the notice of base2019 (GitHub index file
// 32171132175) without salutation, preamble and closing.
func notice2019Original() []byte {
	return []byte(`国务院办公厅关于2019年部分节假日安排的通知
国办发明电〔2018〕15号

一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
三、清明节：4月5日放假，与周末连休。
四、劳动节：5月1日放假。
五、端午节：6月7日放假，与周末连休。
六、中秋节：9月13日放假，与周末连休。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。

国务院办公厅
2018年12月4日
`)
}

// base2020 is 国办发明电〔2019〕16号 (国务院办公厅关于2020年部分节假日安排的通知).
// Paragraphs as quoted in GitHub index file 53277012567 (citing
// https://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm) and
// 8380951664, identically; the number from index file 443402802 and the
// citation header of testdata/notices/2020-amend-spring.txt; holiday-cn
// 2020.json (file 3388650174) has the same days before the amendment. The
// date 2019-11-21 is that of the gov.cn URL: the date under the signature
// was not read.
func base2020() workday.Year {
	return workday.Year{Year: 2020, Sources: []workday.Source{{
		Kind: workday.SourceNotice, Number: "国办发明电〔2019〕16号",
		Title: "国务院办公厅关于2020年部分节假日安排的通知", Date: nd("2019-11-21"),
		Festivals: []workday.Festival{
			{Name: "元旦", From: nd("2020-01-01"), To: nd("2020-01-01"),
				Note: "2020年1月1日放假，共1天。"},
			{Name: "春节", From: nd("2020-01-24"), To: nd("2020-01-30"), Makeup: nds("2020-01-19", "2020-02-01"),
				Note: "1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。"},
			{Name: "清明节", From: nd("2020-04-04"), To: nd("2020-04-06"),
				Note: "4月4日至6日放假调休，共3天。"},
			{Name: "劳动节", From: nd("2020-05-01"), To: nd("2020-05-05"), Makeup: nds("2020-04-26", "2020-05-09"),
				Note: "5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。"},
			{Name: "端午节", From: nd("2020-06-25"), To: nd("2020-06-27"), Makeup: nds("2020-06-28"),
				Note: "6月25日至27日放假调休，共3天。6月28日（星期日）上班。"},
			{Name: "国庆节、中秋节", From: nd("2020-10-01"), To: nd("2020-10-08"), Makeup: nds("2020-09-27", "2020-10-10"),
				Note: "10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。"},
		},
	}}}
}

// notice2020Original is the notice of base2020 without salutation,
// preamble and closing.
func notice2020Original() []byte {
	return []byte(`国务院办公厅关于2020年部分节假日安排的通知
国办发明电〔2019〕16号

一、元旦：2020年1月1日放假，共1天。
二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。
三、清明节：4月4日至6日放假调休，共3天。
四、劳动节：5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。
五、端午节：6月25日至27日放假调休，共3天。6月28日（星期日）上班。
六、国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。

国务院办公厅
2019年11月21日
`)
}

// Years before the 2024 holiday law are not law-checked (StatutoryDays
// covers 2024–2100); their notices read as the base years above.
func TestParseNoticeOlderNotices(t *testing.T) {
	got, err := workday.ParseNotice(notice2015Original())
	require.NoError(t, err)
	assert.Equal(t, base2015(), got)

	got, err = workday.ParseNotice(notice2020Original())
	require.NoError(t, err)
	assert.Equal(t, base2020(), got)
}

type dayWant struct {
	date     string
	kind     workday.Kind
	festival string
}

func checkDays(t *testing.T, y workday.Year, want []dayWant) {
	t.Helper()
	cal, err := workday.New(workday.WithoutEmbeddedData(), workday.WithYears(y))
	require.NoError(t, err)
	for _, w := range want {
		day, err := cal.Day(nd(w.date).Start().Add(12 * time.Hour))
		require.NoError(t, err)
		assert.Equal(t, w.kind, day.Kind, w.date)
		assert.Equal(t, w.festival, day.Festival, w.date)
	}
}

func TestParseAmendment(t *testing.T) {
	t.Run("2019 劳动节", func(t *testing.T) {
		base := base2019()
		y, err := workday.ParseAmendment(base, noticeFile(t, "2019-amend-labour.txt"))
		require.NoError(t, err)
		require.Len(t, y.Sources, 2)
		assert.Equal(t, base2019().Sources[0], y.Sources[0])
		assert.Len(t, base.Sources, 1, "base is not modified")
		assert.Equal(t, workday.Source{
			Kind: workday.SourceNotice, Number: "国办发明电〔2019〕3号",
			Title: "国务院办公厅关于调整2019年劳动节假期安排的通知", Date: nd("2019-03-22"),
			Festivals: []workday.Festival{{Name: "劳动节", From: nd("2019-05-01"), To: nd("2019-05-04"),
				Makeup: nds("2019-04-28", "2019-05-05"),
				Note:   "2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。"}},
		}, y.Sources[1])
		checkDays(t, y, []dayWant{
			{"2019-04-27", workday.RestDay, ""},
			{"2019-04-28", workday.MakeupWorkday, "劳动节"},
			{"2019-04-30", workday.Workday, ""},
			{"2019-05-01", workday.Holiday, "劳动节"},
			{"2019-05-02", workday.Holiday, "劳动节"},
			{"2019-05-03", workday.Holiday, "劳动节"},
			{"2019-05-04", workday.Holiday, "劳动节"},
			{"2019-05-05", workday.MakeupWorkday, "劳动节"},
			{"2019-05-06", workday.Workday, ""},
			{"2019-02-02", workday.MakeupWorkday, "春节"},
		})
	})

	t.Run("2020 春节 extended", func(t *testing.T) {
		y, err := workday.ParseAmendment(base2020(), noticeFile(t, "2020-amend-spring.txt"))
		require.NoError(t, err)
		require.Len(t, y.Sources, 2)
		assert.Equal(t, base2020().Sources[0], y.Sources[0])
		assert.Equal(t, workday.Source{
			Kind: workday.SourceNotice, Number: "国办发明电〔2020〕1号",
			Title: "国务院办公厅关于延长2020年春节假期的通知", Date: nd("2020-01-26"),
			Festivals: []workday.Festival{{Name: "春节", From: nd("2020-01-31"), To: nd("2020-02-02"),
				Note: "延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。"}},
		}, y.Sources[1])
		checkDays(t, y, []dayWant{
			{"2020-01-19", workday.MakeupWorkday, "春节"},
			{"2020-01-24", workday.Holiday, "春节"},
			{"2020-01-30", workday.Holiday, "春节"},
			{"2020-01-31", workday.Holiday, "春节"},
			{"2020-02-01", workday.Holiday, "春节"}, // no longer a make-up day
			{"2020-02-02", workday.Holiday, "春节"},
			{"2020-02-03", workday.Workday, ""},
		})
	})

	t.Run("2015 victory day, issued by 国务院", func(t *testing.T) {
		name := "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"
		y, err := workday.ParseAmendment(base2015(), noticeFile(t, "2015-amend-victory-day.txt"))
		require.NoError(t, err)
		require.Len(t, y.Sources, 2)
		assert.Equal(t, workday.Source{
			Kind: workday.SourceNotice, Number: "国发明电〔2015〕1号",
			Title: "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知", Date: nd("2015-05-13"),
			Festivals: []workday.Festival{{Name: name, From: nd("2015-09-03"), To: nd("2015-09-05"),
				Makeup: nds("2015-09-06"),
				Note: "2015年是中国人民抗日战争暨世界反法西斯战争胜利70周年。为使全国人民广泛参与中央及各地区各部门举行的纪念活动，" +
					"2015年9月3日全国放假1天。为方便公众安排假日期间生产生活，特作如下调休：9月3日至5日调休放假，共3天。" +
					"其中9月3日（星期四）放假，9月4日（星期五）调休，9月6日（星期日）上班。"}},
		}, y.Sources[1])
		checkDays(t, y, []dayWant{
			{"2015-09-02", workday.Workday, ""},
			{"2015-09-03", workday.Holiday, name},
			{"2015-09-04", workday.Holiday, name},
			{"2015-09-05", workday.Holiday, name},
			{"2015-09-06", workday.MakeupWorkday, name},
			{"2015-09-07", workday.Workday, ""},
			{"2015-09-27", workday.Holiday, "中秋节"},
		})
	})

	t.Run("named festival paragraph", func(t *testing.T) {
		text := edit(t, noticeFile(t, "2019-amend-labour.txt"), "一、2019年", "一、劳动节：2019年")
		y, err := workday.ParseAmendment(base2019(), text)
		require.NoError(t, err)
		f := y.Sources[1].Festivals
		require.Len(t, f, 1)
		assert.Equal(t, "劳动节", f[0].Name)
		assert.Equal(t, "2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。", f[0].Note)
	})

	t.Run("amendments in a row", func(t *testing.T) {
		y, err := workday.ParseAmendment(base2020(), noticeFile(t, "2020-amend-spring.txt"))
		require.NoError(t, err)
		// A second extension of the same kind would start after 02-02.
		text := edit(t, noticeFile(t, "2020-amend-spring.txt"), "至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班",
			"至2月9日（星期日），2月10日（星期一）起正常上班")
		text = edit(t, text, "2020年1月26日", "2020年2月1日")
		y, err = workday.ParseAmendment(y, text)
		require.NoError(t, err)
		require.Len(t, y.Sources, 3)
		f := y.Sources[2].Festivals[0]
		assert.Equal(t, nd("2020-02-03"), f.From)
		assert.Equal(t, nd("2020-02-09"), f.To)
	})
}

func TestParseAmendmentErrors(t *testing.T) {
	labour := noticeFile(t, "2019-amend-labour.txt")
	spring := noticeFile(t, "2020-amend-spring.txt")
	victory := noticeFile(t, "2015-amend-victory-day.txt")
	noSpring := base2020()
	noSpring.Sources[0].Festivals = append(noSpring.Sources[0].Festivals[:1], noSpring.Sources[0].Festivals[2:]...)
	later := base2019()
	later.Sources[0].Date = nd("2019-04-01")
	base2016 := workday.Year{Year: 2016, Sources: []workday.Source{{Kind: workday.SourceNotice,
		Number: "TEST-1", Title: "test fixture, not an official notice", Date: nd("2015-12-01"),
		Festivals: []workday.Festival{{Name: "A", From: nd("2016-01-01"), To: nd("2016-01-01")}}}}}

	tests := []struct {
		name      string
		base      workday.Year
		text      []byte
		paragraph string // want Paragraph, or its prefix
		problem   workday.Problem
	}{
		{"base of another year", base2020(), labour, "title", 0},
		{"base of another year, year from the text", base2016, victory, "title", 0},
		{"nothing to extend", noSpring, spring, "一、延长2020年春节假期", 0},
		{"no arrangement", base2019(), replaceBody(t, labour, "一、", "各地区要做好落实工作。"), "body", 0},
		{"numbering out of order", base2019(), edit(t, labour, "三、劳动节期间", "四、劳动节期间"), "四、劳动节期间", 0},
		{"wrong weekday", base2019(), edit(t, labour, "4月28日（星期日）", "4月28日（星期六）"), "一、2019年5月1日", 0},
		{"count mismatch", base2015(), edit(t, victory, "共3天", "共4天"), "2015年是中国人民", 0},
		{"extension not beyond the holiday", base2020(), edit(t, spring, "至2月2日（农历正月初九，星期日），2月3日（星期一）起", "至1月28日（星期二），1月29日起"), "一、延长2020年春节假期", 0},
		{"amendment dated before the notice it amends", later, labour, "date", workday.ProblemSourceOrder},
		{"missing number", base2019(), edit(t, labour, "国办发明电〔2019〕3号\n", ""), "number", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := workday.ParseAmendment(tc.base, tc.text)
			require.Error(t, err)
			t.Log(err)
			assert.ErrorIs(t, err, workday.ErrInvalidData)
			var ne *workday.NoticeError
			require.ErrorAs(t, err, &ne)
			assert.True(t, strings.HasPrefix(ne.Paragraph, tc.paragraph), "Paragraph %q: %v", ne.Paragraph, err)
			assert.Positive(t, ne.Line)
			if tc.problem != 0 {
				var de *workday.DataError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, tc.problem, de.Problem)
			} else {
				assert.Nil(t, ne.Err, "%v", err)
			}
		})
	}

	t.Run("invalid base", func(t *testing.T) {
		_, err := workday.ParseAmendment(workday.Year{Year: 2019}, labour)
		var de *workday.DataError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, workday.ProblemCitation, de.Problem)
		var ne *workday.NoticeError
		assert.False(t, errors.As(err, &ne), "the base, not the notice, is at fault")
	})
}

func TestNoticeErrorMessage(t *testing.T) {
	text := noticeFile(t, "2026.txt")
	_, err := workday.ParseNotice(edit(t, text, "1月1日（周四）", "1月1日（周五）"))
	require.Error(t, err)
	assert.Equal(t, "workday: notice: line 9: 一、元旦: 2026-01-01 is a Thursday, not 周五 as written", err.Error())

	e := &workday.NoticeError{Reason: "r"}
	assert.Equal(t, "workday: notice: r", e.Error())
	assert.Equal(t, []error{workday.ErrInvalidData}, e.Unwrap())
}

// notice2026Short is the heading, the salutation, the first two numbered
// paragraphs and the signature of 国办发明电〔2025〕7号.
const notice2026Short = `国务院办公厅关于2026年
部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。

二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

国务院办公厅
2025年11月4日
`

// The holiday law is checked: the first two paragraphs of the 2026 notice
// alone leave 清明节 (2026-04-05) a working day.
func ExampleNoticeError() {
	_, err := workday.ParseNotice([]byte(notice2026Short))
	var ne *workday.NoticeError
	if errors.As(err, &ne) {
		fmt.Println(ne.Paragraph, ne.Line)
	}
	var de *workday.DataError
	if errors.As(err, &de) {
		fmt.Println(de.Date, de.Problem)
	}
	// Output:
	// body 7
	// 2026-04-05 a statutory day off is not a holiday
}

func ExampleParseNotice() {
	text := `国务院办公厅关于2026年
部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。

国务院办公厅
2025年11月4日
`
	year, err := workday.ParseNotice([]byte(text))
	if err != nil {
		panic(err)
	}
	s := year.Sources[0]
	fmt.Println(year.Year, s.Number, s.Date)
	for _, f := range s.Festivals {
		fmt.Println(f.Name, f.From, f.To, f.Makeup)
	}
	// Output:
	// 2026 国办发明电〔2025〕7号 2025-11-04
	// 元旦 2026-01-01 2026-01-03 [2026-01-04]
	// 春节 2026-02-15 2026-02-23 [2026-02-14 2026-02-28]
	// 清明节 2026-04-04 2026-04-06 []
	// 劳动节 2026-05-01 2026-05-05 [2026-05-09]
	// 端午节 2026-06-19 2026-06-21 []
	// 中秋节 2026-09-25 2026-09-27 []
	// 国庆节 2026-10-01 2026-10-07 [2026-09-20 2026-10-10]
}

// Pathological input near the 1 MiB limit is read in linear time: each of
// these takes milliseconds; the bound only catches a quadratic blow-up.
func TestParseNoticeLargeInput(t *testing.T) {
	head := "国务院办公厅关于2026年部分节假日安排的通知\n国办发明电〔2025〕7号\n"
	tail := "\n国务院办公厅\n2025年11月4日\n"
	fill := func(unit string) []byte {
		n := (1<<20 - len(head) - len(tail)) / len(unit)
		return []byte(head + strings.Repeat(unit, n) + tail)
	}
	inputs := map[string][]byte{
		"paragraphs":      fill("一、元旦：1月1日（周四）放假。\n"),
		"numbered lines":  fill("一、\n"),
		"one long line":   fill("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天"),
		"counts":          fill("共3天，"),
		"brackets":        fill("（"),
		"nested brackets": fill("（（））"),
		"dates in a list": fill("1月1日、"),
		"annotations":     fill("（周四、周四、周四）"),
		"digits":          fill("1234567890"),
		"extensions":      fill("延长春节假期至"),
		"long title":      []byte(strings.Repeat("关于", (1<<20)/len("关于")-8) + "的通知\n"),
		"blank lines":     fill("\r\n \u3000\n"),
	}
	amend := "国务院办公厅关于延长2020年春节假期的通知\n国办发明电〔2020〕1号\n"
	unit := "1月31日（周五）放假，2月8日（周六）上班。\n"
	inputs["unnumbered amendment"] = []byte(amend + strings.Repeat(unit, (1<<20-200)/len(unit)) + "国务院办公厅\n2020年1月26日\n")
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			require.LessOrEqual(t, len(text), 1<<20)
			start := time.Now()
			_, err := workday.ParseNotice(text)
			assert.ErrorIs(t, err, workday.ErrInvalidData)
			_, _ = workday.ParseAmendment(base2020(), text)
			assert.Less(t, time.Since(start), 10*time.Second)
			t.Log(time.Since(start))
		})
	}
}
