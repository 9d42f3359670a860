package falmock

import (
	"maps"
	"net/url"
	"slices"
	"strings"
)

// router matches request paths to the document's path templates. Unlike
// Go's ServeMux it accepts templates that overlap (/assets/{asset_id}/lineage
// and /assets/characters/{character_id}): where several match, the one with
// a literal segment at the first place they differ wins.
type router struct {
	basePath string
	paths    []*pathRoute
}

// pathRoute is one path template and its operations by method.
type pathRoute struct {
	template string
	segments []segment
	methods  map[string]*operation
	// filePath is set when the last segment is a parameter that holds a
	// slash-separated file path (api/hints.yaml). The client escapes its
	// slashes (one segment); a client that sends them as they are (fal's
	// Python CLI does) is served too: the parameter takes every segment
	// that is left.
	filePath bool
}

// segment is one slash-separated piece of a template: a literal, or a
// parameter to capture.
type segment struct {
	literal string
	param   string
}

// match is the outcome of routing: the operation, or the path that matched
// with no operation for the method (405), or nothing (404).
type match struct {
	op      *operation
	path    *pathRoute
	params  map[string]string
	allowed []string
}

func newRouter(basePath string, ops []*operation, isFilePath func(operationID, param string) bool) *router {
	rt := &router{basePath: basePath}
	byTemplate := map[string]*pathRoute{}
	for _, o := range ops {
		pr := byTemplate[o.path]
		if pr == nil {
			pr = &pathRoute{template: o.path, segments: parseTemplate(o.path), methods: map[string]*operation{}}
			byTemplate[o.path] = pr
			rt.paths = append(rt.paths, pr)
		}
		pr.methods[o.method] = o
		if last := pr.segments[len(pr.segments)-1]; last.param != "" && isFilePath(o.id, last.param) {
			pr.filePath = true
		}
	}
	return rt
}

func parseTemplate(template string) []segment {
	parts := strings.Split(strings.Trim(template, "/"), "/")
	segs := make([]segment, len(parts))
	for i, p := range parts {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			segs[i].param = p[1 : len(p)-1]
		} else {
			segs[i].literal = p
		}
	}
	return segs
}

// route finds the operation for a method and an escaped request path.
// Parameters are split on unescaped slashes only, so a parameter holding a
// "/" must arrive percent-encoded (as generated clients send it).
func (rt *router) route(method, escapedPath string) match {
	rest, ok := strings.CutPrefix(escapedPath, rt.basePath)
	if !ok || !strings.HasPrefix(rest, "/") || (strings.HasSuffix(rest, "/") && rest != "/") {
		return match{}
	}
	raw := strings.Split(strings.Trim(rest, "/"), "/")
	parts := make([]string, len(raw))
	for i, r := range raw {
		p, err := url.PathUnescape(r)
		if err != nil {
			return match{}
		}
		parts[i] = p
	}
	var best *pathRoute
	for _, pr := range rt.paths {
		if pr.matches(parts) && (best == nil || pr.moreLiteral(best)) {
			best = pr
		}
	}
	if best == nil {
		best = rt.filePathRoute(parts)
	}
	if best == nil {
		return match{}
	}
	m := match{path: best, params: map[string]string{}}
	for i, seg := range best.segments {
		if seg.param != "" {
			m.params[seg.param] = parts[i]
		}
	}
	if last := len(best.segments) - 1; best.filePath && len(parts) > len(best.segments) {
		m.params[best.segments[last].param] = strings.Join(parts[last:], "/")
	}
	if m.op = best.methods[method]; m.op == nil {
		m.allowed = slices.Sorted(maps.Keys(best.methods))
	}
	return m
}

// filePathRoute finds the route whose file path parameter takes the extra
// segments of parts, when no route matches them one for one.
func (rt *router) filePathRoute(parts []string) *pathRoute {
	for _, pr := range rt.paths {
		n := len(pr.segments)
		if pr.filePath && len(parts) > n && pr.matches(parts[:n]) && !slices.Contains(parts[n:], "") {
			return pr
		}
	}
	return nil
}

func (pr *pathRoute) matches(parts []string) bool {
	if len(parts) != len(pr.segments) {
		return false
	}
	for i, seg := range pr.segments {
		if seg.param == "" && seg.literal != parts[i] {
			return false
		}
		if seg.param != "" && parts[i] == "" {
			return false
		}
	}
	return true
}

// moreLiteral reports whether pr has a literal where other has a parameter
// at the first segment where the two differ in kind.
func (pr *pathRoute) moreLiteral(other *pathRoute) bool {
	for i, seg := range pr.segments {
		mine, theirs := seg.param == "", other.segments[i].param == ""
		if mine != theirs {
			return mine
		}
	}
	return false
}
