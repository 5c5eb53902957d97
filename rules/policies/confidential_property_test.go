package policies_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

// history is one random clue's life, played twice: with a named reporter (who is told of
// acceptance and of the result) and without one.
type history struct {
	source, receiver, office clue.Agency
	start                    time.Time
	steps                    int // how far along the loop it goes
	secret                   clue.Reporter
	detail                   string
}

func randomHistory(r *rand.Rand, i int) history {
	kinds := []clue.AgencyKind{clue.KindAudit, clue.KindFinance, clue.KindStatistics, clue.KindPetitionBureau, clue.KindPublic, clue.KindSOEOwner}
	ag := func(name string, k clue.AgencyKind) clue.Agency {
		return clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprint(name, i))), Kind: k, Name: name}
	}
	cw := ag("纪委监委", clue.KindDisciplineCommission)
	office := ag("监督检查室", clue.KindSupervisionOffice)
	office.Parent = cw.ID
	tag := fmt.Sprintf("%d-%d", i, r.Uint32())
	return history{
		source: ag("来源单位", kinds[r.IntN(len(kinds))]), receiver: cw, office: office,
		start:  time.Date(2026, 1, 5, 9, 0, 0, 0, workday.Location()).Add(time.Duration(r.IntN(330*24)) * time.Hour),
		steps:  1 + r.IntN(9),
		secret: clue.Reporter{Name: "举报人" + tag, IDNumber: "ID" + tag, Contact: "TEL" + tag, Address: "ADDR" + tag, Named: true},
		detail: "DETAIL" + tag,
	}
}

// play runs the history and returns the clue and its events.
func (h history) play(t *testing.T, p clue.Policy, named bool) (*clue.Clue, []clue.Event) {
	t.Helper()
	ctx := context.Background()
	at := h.start
	next := func() time.Time { at = at.Add(26 * time.Hour); return at }
	pkg := &clue.Package{Source: h.source, Receiver: h.receiver, Subjects: []clue.Person{{Name: "某甲"}}, Matter: "问题",
		DiscoveredAt: h.start.Add(-time.Hour), ConclusiveOpinionAt: h.start.Add(-time.Hour), InvestigationDetail: h.detail,
		Evidence: []clue.Evidence{{Name: "材料", Kind: clue.EvidenceDocument, Hash: "sha256:1"}, {Name: "笔录", Kind: clue.EvidenceRecord, Hash: "sha256:2", Confidential: true}}}
	if named {
		pkg.Reporters = []clue.Reporter{h.secret}
	}
	c, e, err := clue.Draft(ctx, uuid.NewSHA1(uuid.NameSpaceURL, []byte(h.secret.IDNumber)), clue.Command{Actor: clue.Actor{Agency: h.source.ID}, At: at, Package: pkg}, p)
	require.NoError(t, err)
	events := []clue.Event{e}
	do := func(cmd clue.Command) {
		e, err := c.Do(ctx, cmd, p)
		require.NoError(t, err, cmd.Step)
		events = append(events, e)
	}
	cw, room := clue.Actor{Agency: h.receiver.ID}, clue.Actor{Agency: h.office.ID}
	steps := []func(){
		func() { do(clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: h.source.ID}, At: next()}) },
		func() { do(clue.Command{Step: clue.StepRegister, Actor: cw, At: next()}) },
		func() {
			if named { // the withheld step, between two visible ones
				do(clue.Command{Step: clue.StepNotifyAcceptance, Actor: cw, At: at.Add(time.Hour)})
			}
			do(clue.Command{Step: clue.StepAssign, Actor: cw, At: next(), Office: &h.office})
		},
		func() {
			do(clue.Command{Step: clue.StepDecide, Actor: room, At: next(), Detail: h.detail + "-step",
				Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification, Opinion: "拟初步核实"}})
		},
		func() {
			do(clue.Command{Step: clue.StepProgressFeedback, Actor: room, At: next(), Feedback: &clue.Feedback{To: h.source.ID, Summary: "进行中"}})
		},
		func() {
			do(clue.Command{Step: clue.StepConclude, Actor: room, At: next(), Result: "了结", Detail: h.detail + "-end"})
		},
		func() {
			if named {
				do(clue.Command{Step: clue.StepNotifyResult, Actor: cw, At: at.Add(time.Hour)})
			}
			do(clue.Command{Step: clue.StepResultFeedback, Actor: cw, At: next(), Feedback: &clue.Feedback{To: h.source.ID, Summary: "结果"}})
		},
		func() {
			do(clue.Command{Step: clue.StepEvaluate, Actor: clue.Actor{Agency: h.source.ID}, At: next(),
				Evaluation: &clue.Evaluation{Rating: clue.RatingSatisfied}})
		},
	}
	for _, s := range steps[:min(h.steps-1, len(steps))] {
		s()
	}
	return c, events
}

// leaks returns the first secret found in text.
func (h history) leaks(text string) string {
	for _, s := range []string{h.secret.Name, h.secret.IDNumber, h.secret.Contact, h.secret.Address, h.detail, "complainant", "notify_"} {
		if strings.Contains(text, s) {
			return s
		}
	}
	return ""
}

// Property: for a viewer not granted reporter identity, a clue with a named reporter and
// the same clue without one look exactly alike — the view, and the events it may see —
// and nothing confidential is in them; nor in any way the clue and its events print or log.
// 1,000 random clues, every kind of viewer.
func TestNoViewerLearnsOfANamedReporter(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	p := domain.Clue(b)
	grants := clue.Grants{ReporterIdentity: []clue.Role{"petition_officer"}, InvestigationDetail: []clue.Role{"case_handler", "petition_officer"}}
	r := rand.New(rand.NewPCG(13, 2026))
	n := 1000
	if testing.Short() {
		n = 100
	}
	for i := range n {
		h := randomHistory(r, i)
		named, events := h.play(t, p, true)
		plain, plainEvents := h.play(t, p, false)
		for _, v := range []struct {
			name   string
			viewer clue.Actor
			detail bool
		}{
			{"source", clue.Actor{Agency: h.source.ID, Role: "petition_officer"}, false},
			{"outsider", clue.Actor{Agency: uuid.New(), Role: "petition_officer"}, false},
			{"receiver without a role", clue.Actor{Agency: h.receiver.ID}, false},
			{"case handler", clue.Actor{Agency: h.office.ID, Role: "case_handler"}, true},
		} {
			js := func(x any) string {
				raw, err := json.Marshal(x)
				require.NoError(t, err)
				return string(raw)
			}
			gotView, wantView := js(named.View(v.viewer, grants)), js(plain.View(v.viewer, grants))
			require.Equal(t, wantView, gotView, "clue %d, %s: the view tells the clues apart", i, v.name)
			gotEvents := js(clue.ViewEvents(named, events, v.viewer, grants))
			require.Equal(t, js(clue.ViewEvents(plain, plainEvents, v.viewer, grants)), gotEvents, "clue %d, %s: the events tell the clues apart", i, v.name)
			for _, text := range []string{gotView, gotEvents} {
				if s := h.leaks(text); s != "" && (!v.detail || !strings.HasPrefix(s, "DETAIL")) {
					t.Fatalf("clue %d, %s: %q leaks", i, v.name, s)
				}
			}
		}
		var logged bytes.Buffer
		log := slog.New(slog.NewJSONHandler(&logged, nil))
		text := slog.New(slog.NewTextHandler(&logged, nil))
		log.Info("clue", "clue", named, "ptr", *named)
		text.Info("clue", "clue", named)
		prints := []string{fmt.Sprint(named), fmt.Sprintf("%v %+v %#v %s", *named, named, named, named), logged.String()}
		for _, e := range events {
			log.Info("event", "event", e, "command", e.Command)
			prints = append(prints, fmt.Sprintf("%v %+v %#v %s", e, e, e, e.Command))
			if e.Package != nil {
				prints = append(prints, fmt.Sprintf("%v %+v %#v", *e.Package, e.Package, e.Package.Reporters))
			}
		}
		prints = append(prints, logged.String())
		for _, s := range prints {
			for _, secret := range []string{h.secret.Name, h.secret.IDNumber, h.secret.Contact, h.secret.Address, h.detail} {
				require.NotContains(t, s, secret, "clue %d prints a secret", i)
			}
		}
	}
}
