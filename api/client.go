package api

// Client is the Management API client. (Placeholder until the api work lands.)
type Client struct{}
