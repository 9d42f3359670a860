#!/usr/bin/env bash
# Proposes a schema update as ONE pull request. The schema workflow runs it
# in a clean checkout of $BASE, with $PATCH, the changes that
# `make update-schema` made (git diff --binary), and $REPORT, its report:
#
#   - when the patch leaves api/openapi.json as it is, there is nothing to
#     propose: an open pull request from $BRANCH is out of date and closed;
#   - otherwise $BRANCH becomes $BASE plus one commit, the update with an
#     entry in CHANGELOG.md, force-pushed unless it already holds the same
#     schema on the same base, and its pull request is opened, or its title
#     and body updated. The body is the report, cut to fit GitHub's limit.
#
# It needs git, with push rights on origin, and gh, logged in (GH_TOKEN).
set -euo pipefail

: "${BASE:?BASE names the branch the pull request targets}"
: "${PATCH:?PATCH is the file of the changes make update-schema made}"
: "${REPORT:?REPORT is the file of the update report}"
branch=${BRANCH:-schema/update}
run_url=${RUN_URL:-}
# GitHub refuses a pull request body over 65,536 characters.
max_body=${MAX_BODY:-60000}

# provenance prints the value of a row of api/PROVENANCE.md's table, read
# from standard input.
provenance() {
	sed -n "s/^| $1 | \(.*\) |\$/\1/p"
}

# open_pull_request prints the number of the open pull request from $branch
# to $BASE, if there is one.
open_pull_request() {
	gh pr list --head "$branch" --base "$BASE" --state open --json number --jq '.[0].number // empty'
}

# An empty patch is a run on the day main took the same schema.
if [ -s "$PATCH" ]; then
	git apply --index "$PATCH"
fi

if git diff --cached --quiet -- api/openapi.json; then
	echo "schema-pr: $BASE already holds fal's schema; nothing to propose"
	number=$(open_pull_request)
	if [ -n "$number" ]; then
		gh pr close "$number" --delete-branch --comment "$BASE already holds fal's current schema, so this update is out of date. ${run_url}"
		echo "schema-pr: closed pull request #$number"
	fi
	exit 0
fi

date=$(provenance 'served on' <api/PROVENANCE.md)
operations=$(provenance operations <api/PROVENANCE.md)
was=$(git show HEAD:api/PROVENANCE.md | provenance operations)
title="Update fal's schema to the revision served on $date"

entry="- Schema: fal's revision served on $date ($operations operations, was $was)."
awk -v entry="$entry" -f "$(dirname "$0")/changelog-entry.awk" CHANGELOG.md >CHANGELOG.md.new
mv CHANGELOG.md.new CHANGELOG.md
git add CHANGELOG.md

base_commit=$(git rev-parse HEAD)
git commit --quiet --message "$title" --message "Made by the schema workflow with make update-schema; the pull request's body is its report."

if git fetch --quiet origin "$branch" 2>/dev/null &&
	[ "$(git rev-parse FETCH_HEAD^)" = "$base_commit" ] &&
	git diff --quiet FETCH_HEAD HEAD -- api/openapi.json; then
	echo "schema-pr: $branch already proposes this schema on $BASE"
	exit 0
fi
git push --quiet --force origin "HEAD:refs/heads/$branch"

body=$(mktemp)
if [ "$(wc -c <"$REPORT")" -gt "$max_body" ]; then
	head -c "$max_body" "$REPORT" | sed '$d' >"$body" # whole lines only
	printf '\n\n*The report is cut here; the whole of it is in the artifact of the run %s*\n' "$run_url" >>"$body"
else
	cat "$REPORT" >"$body"
fi

number=$(open_pull_request)
if [ -n "$number" ]; then
	gh pr edit "$number" --title "$title" --body-file "$body"
	echo "schema-pr: updated pull request #$number"
else
	gh pr create --base "$BASE" --head "$branch" --title "$title" --body-file "$body"
fi
