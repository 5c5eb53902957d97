package domain_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/workday"
)

// Hostile policies that read reporter fields: each makes the reporter's identity part of an
// evaluation error, a violation message or an explain trace.
const hostile = `
id: h.key
subject: clue
validations:
  - expression: "{'x': 1}[clue.reporters[0].name] == 1"
    message: m
    reason: KEY
---
id: h.decimal
subject: clue
validations:
  - expression: decimal(clue.reporters[0].contact).sign() > 0
    message: m
    reason: DECIMAL
---
id: h.timestamp
subject: clue
validations:
  - expression: timestamp(clue.reporters[0].address) > now
    message: m
    reason: TIMESTAMP
---
id: h.int
subject: clue
validations:
  - expression: int(clue.reporters[0].id_number) > 0
    message: m
    reason: INT
---
id: h.message
subject: clue
validations:
  - expression: "false"
    messageExpression: "'举报人' + clue.reporters[0].name + '，' + clue.investigation_detail"
    reason: MESSAGE
---
id: h.trace
subject: clue
variables:
  - name: reporter
    expression: clue.reporters[0]
  - name: contact
    expression: clue.reporters[0].contact
  - name: detail
    expression: clue.investigation_detail
validations:
  - expression: variables.reporter.named && size(variables.contact) > 0 && size(variables.detail) > 0
    message: m
    reason: TRACE
`

// Property: whatever a policy does with a reporter's fields, no error, message or trace of
// the check quotes them; a caller granted them (rules.Reveal) sees them.
func TestChecksNeverQuoteReporters(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(domain.ClueSubject()))
	require.NoError(t, err)
	ps, err := rules.Parse("hostile.yaml", []byte(hostile))
	require.NoError(t, err)
	b, err := e.Compile(ps)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(7, 13))
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, workday.Location())
	for i := range 300 {
		tag := fmt.Sprintf("%d%c%d", i, rune(0x4e00+r.IntN(2000)), r.Uint32())
		rep := clue.Reporter{Name: "赵" + tag, IDNumber: "51" + tag, Contact: "电话" + tag, Address: "住址\t\"" + tag + "\"", Named: true}
		c := &clue.Clue{Source: clue.Agency{Kind: clue.KindPublic}, Reporters: []clue.Reporter{rep}, InvestigationDetail: "调查" + tag}
		secrets := []string{rep.Name, rep.IDNumber, rep.Contact, rep.Address, c.InvestigationDetail, tag}
		d, err := b.Check(context.Background(), c, at, rules.Explain())
		require.NoError(t, err)
		require.Len(t, d.Errors, 4, "the four hostile expressions fail")
		raw, err := json.Marshal(d)
		require.NoError(t, err)
		text := string(raw) + fmt.Sprint(d.Err("step"))
		for _, s := range secrets {
			require.NotContains(t, text, s, "clue %d", i)
		}
		require.Len(t, d.Violations, 1)
		require.Equal(t, "举报人<clue.reporters[0].name>，<clue.investigation_detail>", d.Violations[0].Message, "named by their paths")

		shown, err := b.Check(context.Background(), c, at, rules.Explain(), rules.Reveal())
		require.NoError(t, err)
		raw, err = json.Marshal(shown)
		require.NoError(t, err)
		assert.True(t, strings.Contains(string(raw), rep.Name), "revealed to a granted caller")
	}
}
