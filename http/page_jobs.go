package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// The admins' view of the background jobs: what waits, what runs, what
// failed and why, and a button to send a failed job round again. Payloads
// are never shown: they may hold one-time links.

type jobsPage struct {
	Jobs     []parasat.Job
	Counts   map[string]int
	Statuses []parasat.JobStatus
	Status   string
	Next     string
}

func (s *Server) registerJobPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /jobs", parasat.ManageJobs, s.handleJobs)
	s.handlePage(mux, "POST /jobs/{id}/retry", parasat.ManageJobs, s.handleRetryJob)
}

func (s *Server) handleJobs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := jobsPage{Statuses: parasat.JobStatuses, Counts: map[string]int{}}
	status := parasat.JobStatus(q.Get("status"))
	for _, st := range parasat.JobStatuses {
		if st == status {
			data.Status = string(st)
		}
	}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	const limit = 50
	jobs, err := s.services.Jobs.ListJobs(r.Context(), parasat.JobFilter{Status: parasat.JobStatus(data.Status), Before: before, Limit: limit})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts, err := s.services.Jobs.CountJobs(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range counts {
		data.Counts[string(c.Status)] += c.Count
	}
	data.Jobs = jobs
	if len(jobs) == limit {
		data.Next = strconv.FormatInt(jobs[len(jobs)-1].ID, 10)
	}
	s.render(w, http.StatusOK, "jobs", s.newPage(w, r, "nav.jobs", data))
}

func (s *Server) handleRetryJob(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	if err := s.services.Jobs.RetryJob(r.Context(), id); err != nil {
		if parasat.ErrorCode(err) == parasat.EConflict {
			setFlash(w, "flash.job_not_failed")
			http.Redirect(w, r, "/jobs", http.StatusSeeOther)
			return
		}
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.job_retried", "ID", strconv.FormatInt(id, 10))
	http.Redirect(w, r, "/jobs?status=failed", http.StatusSeeOther)
}
