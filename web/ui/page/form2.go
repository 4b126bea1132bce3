package page

// maxFormBody bounds a posted form of the account pages.
const maxFormBody = 16 << 10
