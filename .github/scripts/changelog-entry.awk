# Adds the line `entry` (awk -v entry=...) to the [Unreleased] section of a
# changelog in the form of Keep a Changelog, first under its "### Changed"
# heading, which it adds at the end of the section when there is none.
# schema-pr.sh writes the entry of a schema update with it.

function add_section() {
	print "### Changed"
	print ""
	print entry
	print ""
	done = 1
}

/^## / {
	if (unreleased && !done) add_section()
	unreleased = ($0 == "## [Unreleased]")
}

# After the heading and the entry, the blank line that followed the heading
# is dropped, and one is kept before whatever is not another entry.
unreleased && !done && $0 == "### Changed" {
	print
	print ""
	print entry
	done = 1
	after = 1
	next
}
after == 1 && $0 == "" { after = 2; next }
after > 0 {
	if ($0 !~ /^- /) print ""
	after = 0
}

{ print }

END {
	if (unreleased && !done) add_section()
}
