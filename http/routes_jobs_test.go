package http

// Route rules of the background jobs: only admins see them.
func init() {
	allowed["GET /jobs"] = adminOnly
	allowed["POST /jobs/{id}/retry"] = adminOnly
}
