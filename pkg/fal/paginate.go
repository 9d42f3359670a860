package fal

import (
	"context"
	"fmt"
	"iter"
)

// pageState is what the pager needs to know of a page.
type pageState struct {
	next string // next_cursor, "" when there is none
	more bool   // has_more
}

// paginate yields the pages fetch returns, from the start cursor (nil for
// the first page), following the cursor while the server says there are
// more. It stops at the first error, when the caller
// breaks, when the context ends, and when the server says there are more
// pages but sends no cursor or one it sent before (which would loop forever).
func paginate[P any](ctx context.Context, op *operation, start *string, fetch func(ctx context.Context, cursor *string) (P, pageState, error)) iter.Seq2[P, error] {
	return func(yield func(P, error) bool) {
		var zero P
		cursor := start
		seen := map[string]bool{}
		if start != nil {
			seen[*start] = true
		}
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, fmt.Errorf("fal: %s: %w", op.name, err))
				return
			}
			page, st, err := fetch(ctx, cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(page, nil) || !st.more {
				return
			}
			switch {
			case st.next == "":
				yield(zero, fmt.Errorf("fal: %s: the server said has_more but sent no next_cursor", op.name))
				return
			case seen[st.next]:
				yield(zero, fmt.Errorf("fal: %s: the server sent cursor %q twice; stopping instead of looping", op.name, st.next))
				return
			}
			seen[st.next] = true
			next := st.next
			cursor = &next
		}
	}
}

// eachItem yields the items of every page in order, holding one page at a
// time; WithMaxItems stops it (and the paging) after that many items.
func eachItem[P, T any](c *Client, pages iter.Seq2[P, error], items func(P) []T, opts []Option) iter.Seq2[T, error] {
	all := Flatten(pages, items)
	limit := c.settings.with(opts).maxItems
	if limit <= 0 {
		return all
	}
	return func(yield func(T, error) bool) {
		n := 0
		for item, err := range all {
			if !yield(item, err) || err != nil {
				return
			}
			if n++; n >= limit {
				return
			}
		}
	}
}

// Flatten yields the items that items picks out of every page of a Pages
// iterator, page after page, holding one page at a time. The Iter methods
// walk each operation's main list; Flatten walks another, such as the
// summary lines of GetUsagePages:
//
//	pages := c.GetUsagePages(ctx, &falapi.GetUsageParams{Expand: []string{"summary"}})
//	for line, err := range fal.Flatten(pages, func(p *falapi.UsagePage) []falapi.UsageLineItem { return p.Summary }) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(line.EndpointID, line.Cost)
//	}
func Flatten[P, T any](pages iter.Seq2[P, error], items func(P) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range pages {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items(page) {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}
