package rectification

import (
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
)

// check evaluates g for event e on rectification r and problem p (nil for a
// step on the recommendation or a problem not yet listed); nil means the
// guard holds.
func (g Guard) check(r *Rectification, p *Problem, e *Event) error {
	actor := e.Actor.Agency
	rec := &r.Recommendation
	switch g {
	case GuardActorIsIssuer:
		issuer := rec.Issuer.ID
		if e.Step == StepIssue && e.Recommendation != nil {
			issuer = e.Recommendation.Issuer.ID
		}
		if actor != issuer {
			return invalid("actor.agency", "%s is not the issuing agency", actor)
		}
	case GuardActorIsRecipient:
		if actor != rec.Recipient.ID {
			return invalid("actor.agency", "%s is not the recipient unit", actor)
		}
	case GuardActorIsSupervisor:
		if !r.supervises(actor) {
			return invalid("actor.agency", "%s is neither the issuer nor a supervisor", actor)
		}
	case GuardActorIsParty:
		if actor != rec.Recipient.ID && !r.supervises(actor) {
			return invalid("actor.agency", "%s is not a party to the rectification", actor)
		}
	case GuardActorIsResponsible:
		if actor == rec.Recipient.ID {
			return nil
		}
		for _, t := range p.Tasks {
			if t.ID == e.TaskID && t.ResponsibleUnit.ID == actor {
				return nil
			}
		}
		return invalid("actor.agency", "%s is neither the recipient unit nor the task's responsible unit", actor)
	case GuardRecommendationValid:
		return e.Recommendation.validate(e.At)
	case GuardReplyValid:
		if e.Reply == "" {
			return invalid("reply", "required")
		}
		if !rec.RepliedAt.IsZero() {
			return invalid("reply", "already replied on %s", rec.RepliedAt.Format("2006-01-02"))
		}
	case GuardProblemValid:
		return e.Problem.validate(r, e.ProblemID)
	case GuardTaskValid:
		return e.Task.validate(r, p)
	case GuardHasTask:
		if len(p.Tasks) == 0 {
			return invalid("tasks", "assign at least one task with a responsible unit and person first")
		}
	case GuardTaskOpen:
		for _, t := range p.Tasks {
			if t.ID == e.TaskID && e.TaskID != uuid.Nil {
				if !t.DoneAt.IsZero() {
					return invalid("task_id", "task %s is already done", e.TaskID)
				}
				return nil
			}
		}
		return invalid("task_id", "problem has no task %s", e.TaskID)
	case GuardEvidenceValid:
		v := e.Evidence
		switch {
		case v == nil:
			return invalid("evidence", "required")
		case v.Summary == "":
			return invalid("evidence.summary", "say what was done")
		case !ValidHash(v.Hash):
			return invalid("evidence.hash", "want sha256: and 64 lower-case hex digits, got %q", v.Hash)
		case v.By.ID == uuid.Nil || v.By.Name == "":
			return invalid("evidence.by", "the submitter's id and name are required (a verifier must be someone else)")
		case !v.VerifiedAt.IsZero() || v.VerifiedBy != (clue.Person{}) || v.Superseded:
			return invalid("evidence.verified_at", "evidence is verified by signing off, not when submitted")
		}
	case GuardTasksDone:
		for i, t := range p.Tasks {
			if t.DoneAt.IsZero() {
				return invalid("tasks["+strconv.Itoa(i)+"].done_at", "task %q is not done", t.Measure)
			}
		}
	case GuardNewMeasure:
		n := p.relapses()
		if n == 0 {
			return nil
		}
		for _, t := range p.Tasks {
			if t.Round == n {
				return nil
			}
		}
		return invalid("tasks", "the problem relapsed: assign at least one new measure for this round")
	case GuardEvidencePresent:
		n := 0
		for i, v := range p.Evidence {
			if v.Superseded {
				continue
			}
			if !ValidHash(v.Hash) {
				return invalid("evidence["+strconv.Itoa(i)+"].hash", "not a SHA-256 document hash")
			}
			n++
		}
		if n == 0 {
			return invalid("evidence", "no evidence of the rectification (纸面整改 is not rectification)")
		}
	case GuardVerifierIndependent:
		v := e.Verifier
		if v == nil || v.ID == uuid.Nil || v.Name == "" {
			return invalid("verifier", "a verifier with id and name is required")
		}
		for i, t := range p.Tasks {
			if t.ResponsiblePerson.ID == v.ID {
				return invalid("verifier", "%s is responsible for tasks[%d] and cannot verify it", v.Name, i)
			}
		}
		for i, x := range p.Evidence { // any round: a submitter is never independent
			if x.By.ID == v.ID {
				return invalid("verifier", "%s submitted evidence[%d] and cannot verify it", v.Name, i)
			}
		}
		for i, c := range p.Claims {
			if c.By.Person != "" && (c.By.Person == v.Name || c.By.Person == v.ID.String()) {
				return invalid("verifier", "%s made claims[%d] and cannot verify it", v.Name, i)
			}
		}
		if v.Organization != "" && v.Organization == rec.Recipient.Name {
			return invalid("verifier.organization", "%s is of the recipient unit %s", v.Name, v.Organization)
		}
		if actor == rec.Recipient.ID {
			return invalid("actor.agency", "the recipient unit cannot sign off its own rectification")
		}
	case GuardReasonGiven:
		if e.Reason == "" {
			return invalid("reason", "a rejection must say why")
		}
	case GuardReviewValid:
		v := e.Review
		if v == nil {
			return invalid("review", "required")
		}
		if v.Finding != FindingHolds && v.Finding != FindingRelapsed {
			return unknown("review.finding", v.Finding)
		}
	case GuardFindingHolds:
		if e.Review.Finding != FindingHolds {
			return notTaken("review.finding")
		}
	case GuardFindingRelapsed:
		if e.Review.Finding != FindingRelapsed {
			return notTaken("review.finding")
		}
		if !e.Review.NewDue.After(e.At) {
			return invalid("review.new_due", "a relapse needs a new rectification deadline after the review")
		}
	case GuardAccountabilityValid:
		a := e.Accountability
		switch {
		case a == nil:
			return invalid("accountability", "required")
		case a.Person.Name == "":
			return invalid("accountability.person.name", "required")
		case a.Measure == "":
			return invalid("accountability.measure", "required")
		case a.DecidedBy == uuid.Nil:
			return invalid("accountability.decided_by", "required")
		case a.DecidedAt.IsZero() || a.DecidedAt.After(e.At):
			return invalid("accountability.decided_at", "required, not after the step")
		case a.Problem != uuid.Nil && r.Problem(a.Problem) == nil:
			return &UnknownProblemError{Field: "accountability.problem", ID: a.Problem}
		}
	case GuardInstitutionValid:
		in := e.Institution
		switch {
		case in == nil:
			return invalid("institution", "required")
		case in.Title == "":
			return invalid("institution.title", "required")
		case in.Kind != InstitutionNew && in.Kind != InstitutionRevised:
			return unknown("institution.kind", in.Kind)
		case in.IssuedAt.IsZero() || in.IssuedAt.After(e.At):
			return invalid("institution.issued_at", "required, not after the step")
		}
		for i, id := range in.Problems {
			if r.Problem(id) == nil {
				return &UnknownProblemError{Field: "institution.problems[" + strconv.Itoa(i) + "]", ID: id}
			}
		}
	case GuardEducationValid:
		d := e.Education
		switch {
		case d == nil:
			return invalid("education", "required")
		case d.Title == "":
			return invalid("education.title", "required")
		case d.At.IsZero() || d.At.After(e.At):
			return invalid("education.at", "required, not after the step")
		case d.Audience <= 0 || d.Reached < 0 || d.Reached > d.Audience:
			return invalid("education.reached", "want 0 <= reached <= audience, audience > 0; got %d of %d", d.Reached, d.Audience)
		}
	case GuardRefixValid:
		return r.checkRefixes(e)
	case GuardSurveyValid:
		s := e.Survey
		switch {
		case s == nil:
			return invalid("survey", "required")
		case s.At.IsZero() || s.At.After(e.At):
			return invalid("survey.at", "required, not after the step")
		case s.Responses <= 0 || s.Satisfied < 0 || s.Satisfied > s.Responses:
			return invalid("survey.satisfied", "want 0 <= satisfied <= responses, responses > 0; got %d of %d", s.Satisfied, s.Responses)
		}
	default:
		return unknown("guard", g)
	}
	return nil
}

// supervises reports whether agency id may verify, sign off and look back.
func (r *Rectification) supervises(id uuid.UUID) bool {
	if id == uuid.Nil {
		return false
	}
	if id == r.Recommendation.Issuer.ID {
		return true
	}
	for _, s := range r.Recommendation.Supervisors {
		if s.ID == id {
			return true
		}
	}
	return false
}

// ValidHash reports whether h is a SHA-256 document hash as the package
// records them: "sha256:" followed by 64 lower-case hexadecimal digits.
func ValidHash(h string) bool {
	const prefix = "sha256:"
	if len(h) != len(prefix)+64 || h[:len(prefix)] != prefix {
		return false
	}
	for i := len(prefix); i < len(h); i++ {
		c := h[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func validAgency(a clue.Agency) bool { return a.ID != uuid.Nil && a.Kind.Valid() }

// validate checks a recommendation as issued by a step at instant at.
func (rec *Recommendation) validate(at time.Time) error {
	switch {
	case rec == nil:
		return invalid("recommendation", "required")
	case !rec.Kind.Valid():
		return unknown("recommendation.kind", rec.Kind)
	case !validAgency(rec.Issuer):
		return invalid("recommendation.issuer", "id and a known kind are required")
	case !validAgency(rec.Recipient):
		return invalid("recommendation.recipient", "id and a known kind are required")
	case rec.Issuer.ID == rec.Recipient.ID:
		return invalid("recommendation.recipient", "the recipient cannot be the issuer")
	case rec.IssuedAt.IsZero():
		return invalid("recommendation.issued_at", "required")
	case rec.IssuedAt.After(at):
		return invalid("recommendation.issued_at", "%s is after the issue step at %s", rec.IssuedAt.Format(time.RFC3339), at.Format(time.RFC3339))
	case rec.Deadline.IsZero():
		return invalid("recommendation.deadline", "required: each recommendation sets its rectification deadline")
	case rec.Deadline.Before(rec.IssuedAt):
		return invalid("recommendation.deadline", "%s is before the issue date %s", rec.Deadline.Format("2006-01-02"), rec.IssuedAt.Format("2006-01-02"))
	case !rec.ReplyDue.IsZero() && rec.ReplyDue.Before(rec.IssuedAt):
		return invalid("recommendation.reply_due", "%s is before the issue date %s", rec.ReplyDue.Format("2006-01-02"), rec.IssuedAt.Format("2006-01-02"))
	case rec.ReplyDue.After(rec.Deadline):
		return invalid("recommendation.reply_due", "%s is after the rectification deadline %s", rec.ReplyDue.Format("2006-01-02"), rec.Deadline.Format("2006-01-02"))
	case !rec.RepliedAt.IsZero() || rec.Reply != "":
		return invalid("recommendation.replied_at", "a reply is recorded by the reply step")
	}
	for i, s := range rec.Supervisors {
		if !validAgency(s) || s.ID == rec.Recipient.ID {
			return invalid("recommendation.supervisors["+strconv.Itoa(i)+"]", "id and a known kind are required, and not the recipient")
		}
	}
	return nil
}

// validate checks a problem as listed.
func (p *Problem) validate(r *Rectification, id uuid.UUID) error {
	switch {
	case p == nil:
		return invalid("problem", "required")
	case p.ID != uuid.Nil && p.ID != id:
		return invalid("problem.id", "differs from problem_id")
	case p.Description == "":
		return invalid("problem.description", "required")
	case !p.Severity.Valid():
		return unknown("problem.severity", p.Severity)
	case !p.Source.Kind.Valid():
		return unknown("problem.source.kind", p.Source.Kind)
	case p.Source.Kind == SourceClue && p.Source.Clue == uuid.Nil:
		return invalid("problem.source.clue", "a problem from a clue names the clue")
	case !p.Due.IsZero() && p.Due.Before(r.Recommendation.IssuedAt):
		return invalid("problem.due", "%s is before the issue date %s", p.Due.Format("2006-01-02"), r.Recommendation.IssuedAt.Format("2006-01-02"))
	case p.State != StateNone || !p.OpenedAt.IsZero() || len(p.Tasks)+len(p.Evidence)+len(p.Claims)+len(p.SignOffs)+len(p.Rejections)+len(p.Reviews)+len(p.Obligations) > 0:
		return invalid("problem", "a problem is listed empty; tasks, evidence and history come by their own steps")
	}
	return nil
}

// validate checks a task as assigned to problem p.
func (t *Task) validate(r *Rectification, p *Problem) error {
	switch {
	case t == nil:
		return invalid("task", "required")
	case t.ID == uuid.Nil:
		return invalid("task.id", "required")
	case t.Measure == "":
		return invalid("task.measure", "required")
	case !validAgency(t.ResponsibleUnit):
		return invalid("task.responsible_unit", "id and a known kind are required")
	case t.ResponsiblePerson.ID == uuid.Nil || t.ResponsiblePerson.Name == "":
		return invalid("task.responsible_person", "id and name are required")
	case !t.Due.IsZero() && t.Due.Before(r.Recommendation.IssuedAt):
		return invalid("task.due", "%s is before the issue date %s", t.Due.Format("2006-01-02"), r.Recommendation.IssuedAt.Format("2006-01-02"))
	case !t.DoneAt.IsZero() || !t.AssignedAt.IsZero():
		return invalid("task.done_at", "set by the steps, not by the command")
	case t.Round != 0:
		return invalid("task.round", "set by the step, not by the command")
	}
	if r.ix != nil {
		if _, ok := r.ix.tasks[t.ID]; ok {
			return invalid("task.id", "task %s already exists", t.ID)
		}
		return nil
	}
	for i := range r.Problems {
		for _, x := range r.Problems[i].Tasks {
			if x.ID == t.ID {
				return invalid("task.id", "task %s already exists", t.ID)
			}
		}
	}
	return nil
}
