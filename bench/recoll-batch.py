#!/usr/bin/python3
"""Recoll's batch search for bench/run: every query of a 'qid<TAB>query' file in one process.

    recoll-batch.py CONFDIR QUERIES.tsv [--abstracts] [--any] [--out RESULTS.tsv]

Runs each query through Recoll's own Python module (Debian python3-recoll, installed with
recollcmd), takes the first 10 results and, with --abstracts, Recoll's snippets for each (what
`recollq -A` prints), as parkdoc's --batch prints passages. A query goes to Recoll as typed (its
words ANDed), or with --any as its words ORed, punctuation removed (Recoll's "any term" search;
'?' and '*' would be wildcards). With --out, writes
'qid<TAB>rank<TAB>file name' lines for relevance figures. Prints 'queries seconds' on stdout.
"""

import os
import re
import sys
import time
import urllib.parse

from recoll import recoll


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    confdir, queries = argv[1], argv[2]
    abstracts = "--abstracts" in argv
    any_term = "--any" in argv
    out_path = argv[argv.index("--out") + 1] if "--out" in argv else None
    lines = []
    with open(queries, encoding="utf-8") as f:
        for line in f:
            qid, _, text = line.rstrip("\n").partition("\t")
            if any_term:
                words = re.sub(r"[^\w\s]", " ", text).split()
                text = " OR ".join(words)
            if text:
                lines.append((qid, text))
    db = recoll.connect(confdir=confdir)
    out = open(out_path, "w", encoding="utf-8") if out_path else None
    start = time.perf_counter()
    for qid, text in lines:
        q = db.query()
        try:
            q.execute(text)
            docs = q.fetchmany(10)
        except Exception:  # a query Recoll's parser rejects counts as finding nothing
            docs = []
        for rank, doc in enumerate(docs, 1):
            if abstracts:
                q.makedocabstract(doc)
            if out:
                name = os.path.basename(urllib.parse.unquote(doc.url))
                out.write(f"{qid}\t{rank}\t{name}\n")
    seconds = time.perf_counter() - start
    if out:
        out.close()
    print(f"{len(lines)} {seconds:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
