#!/bin/bash
# Scores the extractor on every report in test/fixtures/reports and the sample corpus with the
# reference scorer (../shared/tools/score-expected.mjs), then counts the reasons of the misses.
# A development aid: the tests assert the same figures (test/extract/reports.test.ts).
cd "$(dirname "$0")/.."
OUT=$(mktemp -d)
DIRS="${@:-test/fixtures/reports ../shared/corpus}"
for d in $DIRS; do for f in $d/*.txt; do b=${f%.txt}; SITREP_FROM_SOURCE=1 node bin/sitrep.js extract $f > $OUT/o_$(basename $b).jsonl 2>/dev/null; node ../shared/tools/score-expected.mjs $b.expected.json $OUT/o_$(basename $b).jsonl > $OUT/s_$(basename $b).txt; echo "$(basename $b): $(tail -1 $OUT/s_$(basename $b).txt)"; done; done
echo "why must events were missed:"
cat $OUT/s_*.txt | grep "failed:" | sed 's/(got[^)]*)//g' | tr ';' '\n' | sed 's/ *failed: *//; s/^ *//' | sort | uniq -c | sort -rn
echo "must missed: $(cat $OUT/s_*.txt | grep -c "^MISS.*(must)")"
echo "forbidden: $(cat $OUT/s_*.txt | grep -c "^FORBIDDEN")"
echo "unexplained: $(cat $OUT/s_*.txt | grep -c "^UNEXPLAINED")"
