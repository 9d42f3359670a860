package normalize

import (
	"regexp"
	"strings"
)

// clientIdentifiers are the names, in lower case, that oapi-codegen's
// client code (internal/falapiref) declares or calls beside the argument of
// a path parameter: its receiver, arguments and locals, the packages it
// calls and the types it spells. A path parameter of such a name would
// clash with one of them, and the reference client would not compile.
var clientIdentifiers = map[string]bool{
	"c": true, "ctx": true, "body": true, "params": true, "server": true, "req": true, "err": true,
	"contenttype": true, "reqeditors": true, "operationpath": true, "serverurl": true, "queryurl": true,
	"bodyreader": true, "buf": true, "rsp": true, "response": true, "client": true,
	"bytes": true, "context": true, "fmt": true, "http": true, "io": true, "json": true, "runtime": true,
	"strings": true, "url": true, "string": true, "bool": true, "error": true, "any": true,
}

// generatedLocal matches the numbered locals of oapi-codegen's request
// builders (pathParam0, headerParam1).
var generatedLocal = regexp.MustCompile(`^(path|header|query|cookie)param[0-9]+$`)

// pathArgNames names the Go argument of a path parameter that would clash
// with oapi-codegen's client code (see clientIdentifiers) with x-go-name:
// {ctx} becomes the argument ctxParam. The wire name stays.
func pathArgNames(op operation, _ Config) []string {
	for _, p := range parameters(op) {
		if str(p, "in") != "path" || str(p, "x-go-name") != "" {
			continue
		}
		name := pascal(str(p, "name"))
		if lower := strings.ToLower(name); clientIdentifiers[lower] || generatedLocal.MatchString(lower) {
			p["x-go-name"] = name + "Param"
		}
	}
	return nil
}
