package httpx

// maxJSONBody bounds a small JSON request body.
const MaxJSONBody = 4 << 10
