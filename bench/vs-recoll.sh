# shellcheck shell=bash
# parkdoc beside Recoll (Debian's recollcmd), the desktop indexer this field's users know: the rows of
# issue 18's tables, measured in one run on the same corpus, runs interleaved. Sourced by bench/run,
# which defines $work, $pd, $java, $root, out, note, now, median, secs, ratio, timed, t, server_on,
# servers_off, probe and rss_mb.
#
# Recoll's settings (a private RECOLL_CONFDIR per corpus, written by recoll_conf):
#   topdirs = the corpus          indexedmimetypes = text/plain (the corpora are .txt files)
#   defaultcharset = UTF-8        (text/plain carries no charset; the locale may be C)
#   cjkngramlen = 2, nocjk = 0    (Recoll's defaults: CJK text, Korean too, indexed as bigrams)
#   indexstemminglanguages = english (the default; Recoll has no stemmer for ko/ja/zh)
#   noaspell = 1                  (no spelling dictionary built at the end: parkdoc builds none)
#   loglevel = 1, idxflushmb = 50, thrQSizes = 0 (the defaults: flush every 50 MB, threads per CPU)

# Whether recollindex and recollq are there; installs recollcmd with apt-get when we may.
recoll_ready() {
  if ! command -v recollindex >/dev/null 2>&1 || ! command -v recollq >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      note "bench: installing Recoll (apt-get install recollcmd)..."
      (apt-get install -y -q recollcmd >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q recollcmd >/dev/null 2>&1; }) || true
    fi
  fi
  if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -q time >/dev/null 2>&1 || true
  fi
  command -v recollindex >/dev/null 2>&1 && command -v recollq >/dev/null 2>&1 && [ -x /usr/bin/time ]
}

# recoll_conf CONFDIR TOPDIR: a private Recoll configuration indexing TOPDIR's plain text.
recoll_conf() {
  mkdir -p "$1"
  cat >"$1/recoll.conf" <<EOF
topdirs = $2
dbdir = $1/xapiandb
indexedmimetypes = text/plain
defaultcharset = UTF-8
cjkngramlen = 2
nocjk = 0
indexstemminglanguages = english
noaspell = 1
loglevel = 1
idxflushmb = 50
thrQSizes = 0
EOF
}

# measure LABEL COMMAND...: runs COMMAND once under /usr/bin/time; appends "wall_us user_s sys_s
# maxrss_kb" to $work/m.LABEL (wall from bash's clock, CPU and peak RSS of the process tree).
measure() {
  local label="$1" t0 t1
  shift
  t0="$(now)"
  /usr/bin/time -f '%U %S %M' -o "$work/time.out" "$@" >/dev/null 2>"$work/measure.err" ||
    { note "bench: $label failed: $(tail -n 2 "$work/measure.err")"; }
  t1="$(now)"
  echo "$((t1 - t0)) $(tail -n 1 "$work/time.out")" >>"$work/m.$label"
}
# Columns of m.LABEL: median wall s, median CPU s (user+sys), median peak RSS MB, wall range.
m_wall() { awk '{print $1}' "$work/m.$1" | median; }
m_cpu() { awk '{printf "%.0f\n", ($2 + $3) * 1e6}' "$work/m.$1" | median; }
m_rss() { awk '{print $4}' "$work/m.$1" | median | awk '{printf "%.0f", $1 / 1024}'; }
m_range() { awk '{print $1}' "$work/m.$1" | sort -n | awk 'NR == 1 {a = $1} {b = $1} END {if (NR > 1) printf " (%.1f-%.1f)", a / 1e6, b / 1e6}'; }
# verdict A B WORD_LESS WORD_MORE: "parkdoc 1.5x faster" or "**Recoll 1.7x faster**" (A parkdoc's).
verdict() {
  awk -v a="$1" -v b="$2" -v less="$3" 'BEGIN {
    if (a <= 0 || b <= 0) {print "-"; exit}
    if (a <= b) printf "parkdoc %.1fx %s", b / a, less; else printf "**Recoll %.1fx %s**", a / b, less }'
}
s1() { awk -v u="$1" 'BEGIN {printf "%.1f s", u / 1e6}'; }
s2() { awk -v u="$1" 'BEGIN {printf "%.2f s", u / 1e6}'; }
mb1() { awk -v b="$1" 'BEGIN {printf "%.0f MB", b / 1e6}'; }

# pick_files DIR N: N files of DIR chosen by a fixed seed (the same ones on every run).
pick_files() {
  find "$1" -type f | LC_ALL=C sort | shuf -n "$2" --random-source=<(yes parkdoc-issue-18)
}

# versus NAME DIR FULL_RUNS REIDX_RUNS: full index, index size, re-index unchanged and after editing
# 1% of the files, parkdoc beside Recoll; leaves parkdoc's index in $work/pd-NAME, Recoll's
# configuration in $work/rc-NAME, and the table rows in $work/rows.NAME.
versus() {
  local name="$1" dir="$2" full_runs="$3" reidx_runs="$4" r
  local pdx="$work/pd-$name" rc="$work/rc-$name"
  local text_bytes files edits
  text_bytes="$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')"
  files="$(find "$dir" -type f | wc -l)"
  edits=$(((files + 50) / 100))
  recoll_conf "$rc" "$dir"
  note "bench: $name: full index, parkdoc and Recoll interleaved ($full_runs rounds)..."
  for ((r = 0; r < full_runs; r++)); do
    rm -rf "$pdx" "$rc/xapiandb"
    measure "pd_full_$name" "$pd" --index "$pdx" index --quiet "$dir"
    measure "rc_full_$name" env RECOLL_CONFDIR="$rc" recollindex -z -c "$rc"
  done
  local pd_bytes rc_bytes
  pd_bytes="$(du -sb "$pdx" | cut -f1)"
  rc_bytes="$(du -sb "$rc/xapiandb" | cut -f1)"
  [ "$name" = mix ] && cp -r "$pdx" "$work/pd-fresh" # as built, for bench/index-size
  note "bench: $name: re-index with nothing changed ($reidx_runs rounds)..."
  for ((r = 0; r < reidx_runs; r++)); do
    measure "pd_same_$name" "$pd" --index "$pdx" index --quiet "$dir"
    measure "rc_same_$name" env RECOLL_CONFDIR="$rc" recollindex -c "$rc"
  done
  note "bench: $name: re-index after appending a line to $edits files ($reidx_runs rounds)..."
  pick_files "$dir" "$edits" >"$work/edits.$name"
  for ((r = 0; r < reidx_runs; r++)); do
    while IFS= read -r f; do printf '\nparkdoc bench edit %s\n' "$r" >>"$f"; done <"$work/edits.$name"
    if ((r % 2 == 0)); then
      measure "pd_edit_$name" "$pd" --index "$pdx" index --quiet "$dir"
      measure "rc_edit_$name" env RECOLL_CONFDIR="$rc" recollindex -c "$rc"
    else
      measure "rc_edit_$name" env RECOLL_CONFDIR="$rc" recollindex -c "$rc"
      measure "pd_edit_$name" "$pd" --index "$pdx" index --quiet "$dir"
    fi
  done

  local rows="$work/rows.$name" a b
  : >"$rows"
  row3() { printf '| %s | %s | %s | %s | %s |\n' "$@" >>"$rows"; }
  a="$(m_wall "pd_full_$name")"; b="$(m_wall "rc_full_$name")"
  local goal_full
  goal_full="$(awk -v a="$a" -v b="$b" 'BEGIN {print (2 * a <= b) ? "parkdoc >= 2x faster: met" : "parkdoc >= 2x faster: not met"}')"
  row3 "full index, wall" "$(s1 "$a")$(m_range "pd_full_$name")" "$(s1 "$b")$(m_range "rc_full_$name")" "$(verdict "$a" "$b" faster)" "$goal_full"
  a="$(m_cpu "pd_full_$name")"; b="$(m_cpu "rc_full_$name")"
  row3 "full index, CPU (user+sys)" "$(s1 "$a")" "$(s1 "$b")" "$(verdict "$a" "$b" less)" ""
  a="$(m_rss "pd_full_$name")"; b="$(m_rss "rc_full_$name")"
  row3 "full index, peak RSS" "$a MB" "$b MB" "$(verdict "$a" "$b" less)" ""
  row3 "index size / text" "$(ratio "$pd_bytes" "$text_bytes")x ($(mb1 "$pd_bytes") for $(mb1 "$text_bytes"))" \
    "$(ratio "$rc_bytes" "$text_bytes")x ($(mb1 "$rc_bytes"))" "$(verdict "$pd_bytes" "$rc_bytes" smaller)" \
    "$(awk -v a="$pd_bytes" -v t="$text_bytes" 'BEGIN {print (a <= 1.2 * t) ? "<= 1.2x: met" : "<= 1.2x: not met"}')"
  a="$(m_wall "pd_same_$name")"; b="$(m_wall "rc_same_$name")"
  row3 "re-index, nothing changed" "$(s2 "$a")$(m_range "pd_same_$name"), $(m_rss "pd_same_$name") MB" \
    "$(s2 "$b")$(m_range "rc_same_$name"), $(m_rss "rc_same_$name") MB" "$(verdict "$a" "$b" faster)" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN {print (a <= b) ? "as fast as Recoll: met" : "as fast as Recoll: not met"}')"
  a="$(m_wall "pd_edit_$name")"; b="$(m_wall "rc_edit_$name")"
  row3 "re-index after editing 1% of files ($edits)" "$(s2 "$a")$(m_range "pd_edit_$name"), $(m_rss "pd_edit_$name") MB" \
    "$(s2 "$b")$(m_range "rc_edit_$name"), $(m_rss "rc_edit_$name") MB" "$(verdict "$a" "$b" faster)" \
    "$(awk -v a="$a" -v b="$b" -v m="$(m_rss "pd_edit_$name")" 'BEGIN {print ((a <= b) ? "as fast as Recoll: met" : "as fast as Recoll: not met") "; " ((m < 390) ? "< 390 MB: met" : "< 390 MB: not met")}')"
  printf '%s %s\n' "$text_bytes" "$files" >"$work/size.$name"
  echo "$pd_bytes" >"$work/pdbytes.$name"
}

# oneshot NAME QUERY...: one-shot searches on the index of versus NAME, interleaved: java -version,
# cold parkdoc, parkdoc with its search server running, recollq, recollq -A; appends rows.
oneshot() {
  local name="$1" q r i
  shift
  local pdx="$work/pd-$name" rc="$work/rc-$name"
  local rounds=$((reps < 3 ? reps : 3))
  note "bench: $name: one-shot searches, $# queries x $rounds rounds, 5 commands each..."
  export PARKDOC_INDEX="$pdx"
  local server_pid
  server_pid="$(server_on)"
  for l in v cold served rq rqa; do : >"$work/raw.os_$l"; done
  run1() { # LABEL COMMAND...
    local label="$1" t0 t1
    shift
    t0="$(now)"
    "$@" >/dev/null 2>&1 || true
    t1="$(now)"
    echo $((t1 - t0)) >>"$work/raw.os_$label"
  }
  for ((r = 0; r < rounds; r++)); do
    for q in "$@"; do
      run1 v "$java" -version
      run1 cold env PARKDOC_SERVER=0 "$pd" search "$q"
      run1 served env PARKDOC_SERVER=5 "$pd" search "$q"
      run1 rq recollq -c "$rc" -n 10 "$q"
      run1 rqa recollq -c "$rc" -A -n 10 "$q"
    done
  done
  local srv_rss
  srv_rss="$(rss_mb "$server_pid")"
  servers_off
  # queries that find something, as typed
  local pd_found=0 rc_found=0
  for q in "$@"; do
    PARKDOC_SERVER=0 "$pd" search -n 1 "$q" >/dev/null 2>&1 && pd_found=$((pd_found + 1))
    recollq -c "$rc" -n 1 "$q" 2>/dev/null | grep -qE '^[1-9][0-9]* results' && rc_found=$((rc_found + 1))
  done
  unset PARKDOC_INDEX
  local own
  own="$(probe latency "$pdx" 3 "$@" | cut -d' ' -f1)"
  local v cold served rq rqa
  for l in v cold served rq rqa; do median <"$work/raw.os_$l" >"$work/t.os_$l"; done
  v="$(t os_v)"; cold="$(t os_cold)"; served="$(t os_served)"; rq="$(t os_rq)"; rqa="$(t os_rqa)"
  local rows="$work/rows.$name"
  printf '| one-shot search, cold (%d queries ko/ja/zh/en, median per query) | %s s (%sx `java -version`) | `recollq` %s s | %s | <= 6x `java -version`: %s |\n' \
    "$#" "$(secs "$cold")" "$(ratio "$cold" "$v")" "$(secs "$rq")" "$(verdict "$cold" "$rq" faster)" \
    "$(awk -v a="$cold" -v b="$v" 'BEGIN {print (a <= 6 * b) ? "met" : "not met"}')" >>"$rows"
  printf '| one-shot search, search server running (%s MB resident) | %s s (%sx `java -version`) | `recollq` %s s | %s | <= 2x `recollq`: %s; <= 3x `java -version`: %s |\n' \
    "$srv_rss" "$(secs "$served")" "$(ratio "$served" "$v")" "$(secs "$rq")" "$(verdict "$served" "$rq" faster)" \
    "$(awk -v a="$served" -v b="$rq" 'BEGIN {print (a <= 2 * b) ? "met" : "not met"}')" \
    "$(awk -v a="$served" -v b="$v" 'BEGIN {print (a <= 3 * b) ? "met" : "not met"}')" >>"$rows"
  printf '| one-shot search with passages / snippets (server running; `recollq -A`) | %s s | %s s | %s | |\n' \
    "$(secs "$served")" "$(secs "$rqa")" "$(verdict "$served" "$rqa" faster)" >>"$rows"
  printf '| the search server'"'"'s own time per query (in-process, 10 hits with passages, p50) | %s ms | | | |\n' "$own" >>"$rows"
  printf '| `java -version` (reference, same rounds) | %s s | | | |\n' "$(secs "$v")" >>"$rows"
  printf '| queries that find something, as typed | %d of %d | %d of %d | | |\n' "$pd_found" "$#" "$rc_found" "$#" >>"$rows"
}

# batch NAME EVAL_DIR PER_SET: judged queries of the relevance sets (ko korquad, ja jsquad, zh
# cmrc2018, en cranfield), PER_SET of each, in one process each: parkdoc --batch with passages
# beside Recoll's Python module with and without abstracts and beside recollq looped; with nDCG@10.
batch() {
  local name="$1" eval="$2" per="$3" set lang r
  local corpus_e="$work/evalmix" pdx="$work/pd-$name" rc="$work/rc-$name" tsv="$work/batch.tsv" qrels="$work/batch.qrels"
  mkdir -p "$corpus_e"
  : >"$tsv"
  : >"$qrels"
  for set in korquad:ko jsquad:ja cmrc2018:zh-cn cranfield:en; do
    lang="${set#*:}"
    set="${set%%:*}"
    [ -d "$eval/$set/$lang" ] || continue
    mv "$eval/$set/$lang" "$corpus_e/$set"
    head -n "$per" "$eval/$set.$lang.queries.tsv" | awk -F'\t' -v s="$set" '{print s "-" $1 "\t" $2}' >>"$tsv"
    awk -v s="$set" '{print s "-" $1, $2, $3, $4}' "$eval/$set.$lang.qrels" >>"$qrels"
  done
  local n text_bytes
  n="$(wc -l <"$tsv")"
  text_bytes="$(du -sb "$corpus_e" | cut -f1)"
  note "bench: batch search: indexing the judged sets ($((text_bytes / 1000000)) MB) with both..."
  recoll_conf "$rc" "$corpus_e"
  "$pd" --index "$pdx" index --quiet "$corpus_e"
  RECOLL_CONFDIR="$rc" recollindex -z -c "$rc" >/dev/null 2>&1
  local rounds=3
  awk 'NR % 10 == 1' "$tsv" >"$work/batch.sample.tsv" # recollq looped: every 10th query
  local nsample
  nsample="$(wc -l <"$work/batch.sample.tsv")"
  note "bench: batch search: $n queries, $rounds rounds, interleaved..."
  for l in pd rany rtyped rnoabs rql; do : >"$work/raw.b_$l"; done
  local t0 t1 rb="$root/bench/recoll-batch.py"
  for ((r = 0; r < rounds; r++)); do
    t0="$(now)"; PARKDOC_SERVER=0 "$pd" --index "$pdx" search --batch "$tsv" >"$work/batch.pd.json" 2>/dev/null || true; t1="$(now)"
    echo $((t1 - t0)) >>"$work/raw.b_pd"
    t0="$(now)"; /usr/bin/python3 "$rb" "$rc" "$tsv" --any --abstracts --out "$work/batch.rany.tsv" >/dev/null 2>&1 || true; t1="$(now)"
    echo $((t1 - t0)) >>"$work/raw.b_rany"
    t0="$(now)"; /usr/bin/python3 "$rb" "$rc" "$tsv" --abstracts --out "$work/batch.rtyped.tsv" >/dev/null 2>&1 || true; t1="$(now)"
    echo $((t1 - t0)) >>"$work/raw.b_rtyped"
    t0="$(now)"; /usr/bin/python3 "$rb" "$rc" "$tsv" --any >/dev/null 2>&1 || true; t1="$(now)"
    echo $((t1 - t0)) >>"$work/raw.b_rnoabs"
    t0="$(now)"
    while IFS=$'\t' read -r _ q; do recollq -c "$rc" -A -n 10 "$q" >/dev/null 2>&1 || true; done <"$work/batch.sample.tsv"
    t1="$(now)"
    echo $((t1 - t0)) >>"$work/raw.b_rql"
  done
  local pd rany rtyped rnoabs rql
  pd="$(median <"$work/raw.b_pd")"; rany="$(median <"$work/raw.b_rany")"; rtyped="$(median <"$work/raw.b_rtyped")"
  rnoabs="$(median <"$work/raw.b_rnoabs")"; rql="$(median <"$work/raw.b_rql")"
  per_q() { awk -v u="$1" -v n="${2:-$n}" 'BEGIN {printf "%.1f", u / n / 1000}'; }
  # nDCG@10 of both from their result lists (parkdoc's JSON lines give qid and path)
  sed -n 's/.*"qid":"\([^"]*\)","rank":\([0-9]*\),"path":"\([^"]*\)".*/\1\t\2\t\3/p' "$work/batch.pd.json" |
    awk -F'\t' '{n = split($3, p, "/"); print $1 "\t" $2 "\t" p[n]}' >"$work/batch.pd.tsv"
  local rows="$work/rows.$name"
  : >"$rows"
  printf '| batch search, ms per query with passages (one process; Recoll: any of the words, with abstracts) | %s ms | %s ms | %s | within 2x Recoll: %s |\n' \
    "$(per_q "$pd")" "$(per_q "$rany")" "$(verdict "$pd" "$rany" faster)" \
    "$(awk -v a="$pd" -v b="$rany" 'BEGIN {print (a <= 2 * b) ? "met" : "not met"}')" >>"$rows"
  printf '| batch search, Recoll with the questions as typed (all words), with abstracts | | %s ms | %s | |\n' "$(per_q "$rtyped")" "$(verdict "$pd" "$rtyped" faster)" >>"$rows"
  printf '| batch search, Recoll any of the words, no abstracts | | %s ms | %s | |\n' "$(per_q "$rnoabs")" "$(verdict "$pd" "$rnoabs" faster)" >>"$rows"
  printf '| batch search, `recollq -A` looped (a process per query, every 10th query) | | %s ms | %s | |\n' "$(per_q "$rql" "$nsample")" "$(verdict "$pd" "$(awk -v a="$rql" -v n="$nsample" -v m="$n" 'BEGIN {printf "%.0f", a / n * m}')" faster)" >>"$rows"
  printf '| nDCG@10 of those %d judged queries | %s | %s as typed; %s any word | | |\n' "$n" "$(ndcg "$work/batch.pd.tsv")" \
    "$(ndcg "$work/batch.rtyped.tsv")" "$(ndcg "$work/batch.rany.tsv")" >>"$rows"
  printf '%s %s\n' "$text_bytes" "$n" >"$work/size.$name"
}

# ndcg RESULTS.tsv: mean nDCG@10 over every query of $work/batch.tsv (qid, rank, file name lines;
# judgements in $work/batch.qrels by docid = file name without .txt).
ndcg() {
  awk -v qf="$work/batch.tsv" -v rf="$work/batch.qrels" '
    BEGIN {
      while ((getline l < qf) > 0) { split(l, a, "\t"); q[a[1]] = 1; nq++ }
      while ((getline l < rf) > 0) { split(l, a, " "); if (a[4] > 0) { g[a[1] SUBSEP a[3]] = a[4]; rel[a[1]] = rel[a[1]] " " a[4] } }
    }
    { d = $3; sub(/\.txt$/, "", d); if ($2 <= 10 && ((($1) SUBSEP d) in g)) dcg[$1] += (2 ^ g[$1 SUBSEP d] - 1) / (log($2 + 1) / log(2)) }
    END {
      for (id in q) {
        n = split(rel[id], gs, " "); # ideal: grades sorted descending
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (gs[j] > gs[i]) { x = gs[i]; gs[i] = gs[j]; gs[j] = x }
        idcg = 0; for (i = 1; i <= n && i <= 10; i++) idcg += (2 ^ gs[i] - 1) / (log(i + 1) / log(2))
        if (idcg > 0) s += dcg[id] / idcg
      }
      printf "%.3f", (nq ? s / nq : 0)
    }' "$1"
}
