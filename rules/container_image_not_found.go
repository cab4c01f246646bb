package rules

import (
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// folderImageSince is the first wrangler that refuses a folder as image.
var folderImageSince = sdk.Version{Major: 4, Minor: 14, Patch: 3}

var _ = register(&lint.Rule{
	ID:       "container-image-not-found",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a container's `image` is neither an existing Dockerfile nor a registry image with a tag, or its `image_build_context` is no folder",
		Why: "wrangler resolves containers[].image against the config's folder: an existing file is the Dockerfile to build; an " +
			"existing folder is refused since wrangler 4.14.3 (\"<image> is a directory, you should specify a path to the " +
			"Dockerfile\"; the folder belongs in image_build_context, which defaults to the Dockerfile's folder); anything else " +
			"must be a registry reference whose last segment has a tag (\"The image \\\"<image>\\\" does not appear to be a " +
			"valid path to a Dockerfile, or a valid image registry path ... it needs to include at least a tag ':'\"). Every " +
			"wrangler command that reads the config (deploy, dev, types) fails on it. An image_build_context that is not a " +
			"folder fails the image build at deploy. Paths that git ignores are build outputs and are not reported; the " +
			"installed wrangler's version decides the folder case (the current behaviour when none is found).",
		Bad: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "containers": [{ "class_name": "Box", "image": "./container" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }]
}
-- container/Dockerfile --
FROM alpine
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Box extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "containers": [{ "class_name": "Box", "image": "./container/Dockerfile" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }]
}
-- container/Dockerfile --
FROM alpine
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Box extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "safe: for an image that is a folder holding a Dockerfile, point image at that Dockerfile (the build context stays the folder)",
		FixSafety: lint.FixSafe,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			if w.Template {
				return // its paths resolve where it is rendered
			}
			for _, c := range containerApps(e) {
				checkContainerImage(p, w, e, c.Node.Get("image"))
				checkBuildContext(p, w, e, c.Node.Get("image_build_context"))
			}
		})
	},
})

func checkContainerImage(p *lint.Pass, w *project.Worker, e *wrangler.Env, n *wrangler.Node) {
	image, ok := n.String()
	if !ok || image == "" || wrangler.IsPlaceholder(image) {
		return // {{IMAGE}}: filled in by a script
	}
	abs, kind := pathKindOf(p.Project, w, image)
	if p.Project.GitIgnored(abs) {
		return // a build output
	}
	shown := p.Project.Rel(abs)
	switch kind {
	case project.PathDir:
		if v := p.Project.PackageVersion(w, "wrangler"); v.Found && v.Version.Less(folderImageSince) {
			return
		}
		msg := "container image " + source.Quote(image) + inEnv(e) + " is a folder (" + shown + "): wrangler (since 4.14.3) refuses it " +
			"(\"is a directory, you should specify a path to the Dockerfile\"); point image at the Dockerfile, and set " +
			"image_build_context if the build context is another folder"
		var fix *lint.Fix
		if docker := filepath.Join(abs, "Dockerfile"); p.Project.PathKind(docker) == project.PathFile {
			value := strings.TrimSuffix(image, "/") + "/Dockerfile"
			fix = &lint.Fix{Description: "set image to " + source.Quote(value), Applicability: lint.Safe,
				Edits: []source.Edit{{File: n.Span.File, Start: n.Span.Start, End: n.Span.End, New: wrangler.ConfigString(value, n.Span.Text()[0])}}}
		}
		p.Report(n.Span, e, msg, fix)
	case project.PathMissing:
		if registryImage(image) {
			return
		}
		p.Report(n.Span, e, "container image "+source.Quote(image)+inEnv(e)+" is neither a file (resolved against the config's "+
			"folder: "+shown+" does not exist) nor a registry image with a tag (\"registry/name:tag\"): every wrangler command "+
			"refuses the config (\"does not appear to be a valid path to a Dockerfile, or a valid image registry path\")")
	}
}

// registryImage: what wrangler accepts as a registry reference when no
// file exists there: a tag in the last segment, and no scheme.
func registryImage(image string) bool {
	last := image[strings.LastIndex(image, "/")+1:]
	return strings.Contains(last, ":") && !strings.Contains(image, "://")
}

func checkBuildContext(p *lint.Pass, w *project.Worker, e *wrangler.Env, n *wrangler.Node) {
	ctx, ok := n.String()
	if !ok || ctx == "" {
		return
	}
	abs, kind := pathKindOf(p.Project, w, ctx)
	if kind == project.PathDir || kind == project.PathUnknown || p.Project.GitIgnored(abs) {
		return
	}
	what := "does not exist"
	if kind == project.PathFile {
		what = "is a file"
	}
	p.Report(n.Span, e, "container image_build_context "+source.Quote(ctx)+inEnv(e)+" "+what+" ("+p.Project.Rel(abs)+"): the image "+
		"build at deploy needs a folder; name the folder the Dockerfile's COPY paths are relative to")
}
