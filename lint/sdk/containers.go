package sdk

// IsContainer: the Container class of @cloudflare/containers, or a class
// of a package known to extend it (@cloudflare/sandbox's Sandbox, since
// its first release). Its constructor throws unless the Durable Object
// class has a container configured, and it keeps its schedules in
// SQLite (ctx.storage.sql), in every tag from v0.0.27 to v0.3.7.
func (b ClassBase) IsContainer() bool {
	return b.Module == "@cloudflare/containers" && b.Name == "Container" ||
		b.Module == "@cloudflare/sandbox" && b.Name == "Sandbox"
}
