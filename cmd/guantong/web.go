package main

import "net/http"

// workbenchHandler serves the policy workbench. (Placeholder until the assets land; the
// workbench helper replaces this file.)
func workbenchHandler() http.Handler { return http.NotFoundHandler() }
