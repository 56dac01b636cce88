package render

import (
	"sync"

	"github.com/covsite/covsite/internal/view"
)

// memos keeps the batches' memos, released (empty), for the batches after them: a memo
// holds a locality's and a plan's language-free part in place (704 bytes), made for
// each of a national site's 18,000 batches before.
var memos = sync.Pool{New: func() any { return new(view.Memo) }}

// A Batch is pages one worker renders one after another: the pages of one locality, or of
// one plan and the parts of its table, in every language. They assess the same targets and
// compute the same standings, plans and charts' points — only their words and number
// formats differ —, so that language-free part (view.Memo) is made by the batch's first
// page, read by the others and dropped after the last: a build keeps one locality's or
// plan's at a time per worker. Any other page is a batch of its own. A page's bytes are
// the same in a batch or alone (Page.Render).
type Batch struct {
	Pages []Page
}

// Batches groups pages into batches, each where its first page is in pages: the English
// page of a locality joins its Vietnamese one, which a list by path puts half a site
// earlier. The pages of a batch keep their order; no page is left out or given twice.
func Batches(pages []Page) []Batch {
	// which batch each page joins, and how many pages each batch has; then every batch's
	// pages in one array
	join := make([]int, len(pages))
	var sizes []int
	first := map[any]int{} // a locality or plan: its batch
	for i, p := range pages {
		b := len(sizes)
		if p.of != nil {
			if k, ok := first[p.of]; ok {
				b = k
			} else {
				first[p.of] = b
			}
		}
		if b == len(sizes) {
			sizes = append(sizes, 0)
		}
		sizes[b]++
		join[i] = b
	}
	all := make([]Page, len(pages))
	batches := make([]Batch, len(sizes))
	at := 0
	for b, n := range sizes {
		batches[b].Pages = all[at : at : at+n]
		at += n
	}
	for i, p := range pages {
		b := &batches[join[i]]
		b.Pages = append(b.Pages, p)
	}
	return batches
}

// Each calls fn with each of the batch's pages in order, each one rendering with the
// batch's memo; the memo is released once fn returned for the last page. fn may leave a
// page unrendered (a rebuild keeps it from the previous output). A page given to fn must
// not be rendered after Each returns.
func (b Batch) Each(fn func(Page)) {
	if len(b.Pages) == 1 || b.Pages[0].of == nil {
		for _, p := range b.Pages {
			fn(p)
		}
		return
	}
	m := memos.Get().(*view.Memo)
	defer func() {
		m.Release()
		memos.Put(m)
	}()
	for _, p := range b.Pages {
		p.memo = m
		fn(p)
	}
}
