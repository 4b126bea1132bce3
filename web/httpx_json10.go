package web

// maxJSONBody bounds a small JSON request body.
const maxJSONBody = 4 << 10
