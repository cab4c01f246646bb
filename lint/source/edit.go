package source

// Edit replaces File.Data[Start:End] with New.
type Edit struct {
	File       *File
	Start, End int
	New        string
}

// Rename moves File to the absolute path To, keeping its content (and any
// edits made to it in the same fix).
type Rename struct {
	File *File
	To   string
}
