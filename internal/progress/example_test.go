package progress_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/falplatform/fal-go/internal/progress"
)

func ExampleNewReader() {
	const size = 5 << 20
	body := struct{ io.Reader }{strings.NewReader(strings.Repeat("x", size))} // like an http.Response's Body
	r := progress.NewReader(body, size, func(done, total int64) {
		fmt.Printf("%d%%\n", done*100/total)
	}, progress.Every(2<<20))
	if _, err := io.Copy(io.Discard, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 40%
	// 80%
	// 100%
}
