package wrangler

import "github.com/wranglint/wranglint/lint/source"

// Storage is how a Durable Object class stores its data.
type Storage int

const (
	StorageSQLite Storage = iota
	StorageKV             // new_classes: key-value storage
)

// ClassState is one class as the migrations leave it.
type ClassState struct {
	Name    string
	Storage Storage
	Created *Node // the string in new_classes / new_sqlite_classes / renamed_classes[].to
	Tag     string
}

// Removal records a class that a migration deleted or renamed away.
type Removal struct {
	Name    string
	Node    *Node
	Tag     string
	Renamed string // the new name, for renames
}

// MigrationProblem is a step that cannot be replayed.
type MigrationProblem struct {
	Node *Node
	Msg  string
}

// MigrationHistory is the replay of an environment's migrations, as the
// runtime applies them: in order, and within a step deleted, renamed,
// new, then new_sqlite classes.
type MigrationHistory struct {
	Classes  map[string]*ClassState // alive at the end
	Removed  map[string]Removal     // deleted or renamed away, and not re-created
	Problems []MigrationProblem
	Tags     []*Node // every tag, in order
	Node     *Node   // the migrations array (nil if none)
}

// Migrations replays this environment's (possibly inherited) migrations.
func (e *Env) Migrations() *MigrationHistory {
	h := &MigrationHistory{Classes: map[string]*ClassState{}, Removed: map[string]Removal{}, Node: e.Get("migrations")}
	if h.Node == nil {
		return h
	}
	if !h.Node.IsArray() {
		h.problem(h.Node, "migrations must be an array of steps")
		return h
	}
	for i, step := range h.Node.Items {
		h.replayStep(i, step)
	}
	return h
}

func (h *MigrationHistory) problem(n *Node, msg string) {
	h.Problems = append(h.Problems, MigrationProblem{n, msg})
}

func (h *MigrationHistory) replayStep(i int, step *Node) {
	if !step.IsObject() {
		h.problem(step, "migration step "+source.Itoa(i+1)+" must be an object with a tag")
		return
	}
	tag, ok := step.GetString("tag")
	if !ok {
		h.problem(step, "migration step "+source.Itoa(i+1)+" has no string tag: wrangler cannot tell which steps were applied")
	} else {
		h.Tags = append(h.Tags, step.Get("tag"))
	}
	for _, n := range h.names(step, "deleted_classes") {
		if h.Classes[n.Str] == nil {
			h.problem(n, "step "+source.Quote(tag)+" deletes class "+source.Quote(n.Str)+", which no earlier step created")
			continue
		}
		delete(h.Classes, n.Str)
		h.Removed[n.Str] = Removal{Name: n.Str, Node: n, Tag: tag}
	}
	h.replayRenames(step, tag)
	h.create(step, "new_classes", tag, StorageKV)
	h.create(step, "new_sqlite_classes", tag, StorageSQLite)
}

func (h *MigrationHistory) replayRenames(step *Node, tag string) {
	r := step.Get("renamed_classes")
	if r == nil {
		return
	}
	if !r.IsArray() {
		h.problem(r, "renamed_classes must be an array of { \"from\": ..., \"to\": ... }")
		return
	}
	for _, it := range r.Items {
		from, okFrom := it.GetString("from")
		to, okTo := it.GetString("to")
		if !okFrom || !okTo {
			h.problem(it, "each renamed_classes entry needs string \"from\" and \"to\"")
			continue
		}
		old := h.Classes[from]
		switch {
		case old == nil:
			h.problem(it.Get("from"), "step "+source.Quote(tag)+" renames class "+source.Quote(from)+", which does not exist at that point")
		case h.Classes[to] != nil:
			h.problem(it.Get("to"), "step "+source.Quote(tag)+" renames "+source.Quote(from)+" to "+source.Quote(to)+", which already exists")
		default:
			delete(h.Classes, from)
			h.Classes[to] = &ClassState{Name: to, Storage: old.Storage, Created: it.Get("to"), Tag: tag}
			h.Removed[from] = Removal{Name: from, Node: it.Get("from"), Tag: tag, Renamed: to}
			delete(h.Removed, to)
		}
	}
}

func (h *MigrationHistory) create(step *Node, key, tag string, kind Storage) {
	for _, n := range h.names(step, key) {
		if h.Classes[n.Str] != nil {
			h.problem(n, "step "+source.Quote(tag)+" creates class "+source.Quote(n.Str)+", which already exists")
			continue
		}
		h.Classes[n.Str] = &ClassState{Name: n.Str, Storage: kind, Created: n, Tag: tag}
		delete(h.Removed, n.Str)
	}
}

// names returns the strings of step[key], reporting a wrong shape.
func (h *MigrationHistory) names(step *Node, key string) []*Node {
	n := step.Get(key)
	if n == nil {
		return nil
	}
	if !n.IsArray() {
		h.problem(n, key+" must be an array of class names")
		return nil
	}
	var out []*Node
	for _, it := range n.Items {
		if it.Kind != KindString {
			h.problem(it, key+" must hold class names (strings)")
			continue
		}
		out = append(out, it)
	}
	return out
}
