module github.com/guantong/guantong/rules/workday/internal/lunargen

go 1.24

require github.com/6tail/lunar-go v1.4.7
