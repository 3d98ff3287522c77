#!/usr/bin/env python3
"""Builds parkdoc's cross-language lexicon (run through tools/build-lexicon).

Output: OUT/LANG-B.tsv.gz for each key language and bucket B (the term's first UTF-16 unit modulo 16),
sorted by key in UTF-8 byte order, one line per key:

    TERM<TAB>CANDIDATE<TAB>CANDIDATE...   (the key is LANG:TERM, LANG the file name)

KEY and CANDIDATE are LANG:TERM with LANG one of en, ko, ja, zh and han (a Sino-Korean word's Han
spelling). Han text is folded to parkdoc's Simplified form (han-fold.tsv) so Traditional, Simplified
and shinjitai spellings share one key. Candidates come best first, grouped by language; a candidate
written ~LANG:TERM is a loanword guessed from the English pronunciation (CMU dict), to be confirmed by
the index (df > 0).
"""
import argparse
import collections
import os
import gzip
import json
import re
import sys
import unicodedata

MAX_PER_LANG = 4
MAX_EN_WORDS = 2

ap = argparse.ArgumentParser()
for a in ("cedict", "edict", "hanja", "wordnet", "omw", "cmudict", "hanfold", "out"):
    ap.add_argument("--" + a, required=True)
ap.add_argument("--mined", help="term pairs mined from parallel pages (MineTermPairs), optional")
args = ap.parse_args()

fold = {}
for line in open(args.hanfold, encoding="utf-8"):
    if line.startswith("#"):
        continue
    p = line.rstrip("\n").split("\t")
    if len(p) >= 2 and len(p[0]) == 1 and len(p[1]) == 1:
        fold[p[0]] = p[1]


def hfold(s):
    return "".join(fold.get(c, c) for c in s)


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def is_kana(c):
    return 0x3040 <= ord(c) <= 0x30FF


def is_hangul(c):
    return 0xAC00 <= ord(c) <= 0xD7A3


def all_of(s, pred):
    return bool(s) and all(pred(c) for c in s)


# en term -> lang -> {candidate: score}; (lang, term) -> {en: score}
fwd = collections.defaultdict(lambda: collections.defaultdict(dict))
rev = collections.defaultdict(dict)
han_ko = collections.defaultdict(dict)   # folded hanja -> {hangul: score}
ko_han = collections.defaultdict(dict)


def add(d, k, score):
    if score > d.get(k, -1e9):
        d[k] = score


PAREN = re.compile(r"\([^()]*\)|\[[^\]]*\]|\{[^}]*\}")
SKIP = re.compile(r"^(cl:|variant of|old variant|see |surname|abbr|used in|also written|also pr|"
                  r"japanese variant|pr\.|unofficial|erhua|archaic|lit\.|fig\.)")
EN_OK = re.compile(r"^[a-z][a-z'\-]*( [a-z][a-z'\-]*)*$")
STOP_LEAD = ("to ", "a ", "an ", "the ", "be ")


def clean_gloss(g):
    g = PAREN.sub(" ", g).strip().lower()
    g = re.sub(r"\s+", " ", g).strip(" .,;:!?\"'")
    if not g or SKIP.match(g):
        return None
    for lead in STOP_LEAD:
        if g.startswith(lead):
            g = g[len(lead):]
    g = g.strip()
    if not EN_OK.match(g) or len(g.split()) > MAX_EN_WORDS or len(g) < 2:
        return None
    return g


def add_pair(lang, term, glosses, bonus=0.0, shown=None):
    """One dictionary entry: a foreign term (key spelling) with its English glosses, best first."""
    seen = []
    for g in glosses:
        c = clean_gloss(g)
        if c and c not in seen:
            seen.append(c)
    if not seen:
        return
    n = len(seen)
    for i, e in enumerate(seen):
        # Sense order, how specific the entry is (fewer glosses), a one-word gloss, source bonus.
        s = 1.0 / (1 + i) + 1.0 / n + (0.3 if " " not in e else 0) + bonus
        add(fwd[e][lang], shown or term, s)
        add(rev[(lang, term)], e, s)


# CC-CEDICT: zh <-> en
src = open(args.cedict, encoding="utf-8").read()
src = src[src.index("{"):].rstrip().rstrip(";")
cedict = json.loads(src)["all"]
zh_words = set()
for trad, simp, pinyin, gloss, *_ in cedict:
    if isinstance(gloss, str):
        gloss = [gloss]
    parts = []
    for g in gloss:
        parts.extend(x for x in g.split(";"))
    # Proper names (capitalised pinyin) are kept: place names are searched too, but rank lower.
    if pinyin[:1].isupper():
        # A proper name: its English name is usually its pinyin (长春 -> Changchun); other glosses dropped.
        syl_ = re.sub(r"[1-5]", "", pinyin).replace("u:", "v").split()
        if len(syl_) > 3 or not all(x.isalpha() for x in syl_):
            continue
        parts = ["".join(syl_).lower()]
    bonus = 0.0
    for w in {hfold(simp), hfold(trad)}:
        if all_of(w, is_han):
            zh_words.add(w)
            add_pair("zh", w, parts, bonus, simp)

# Han words Korean writes (hanja.txt): with CC-CEDICT's, the shared vocabulary EDICT is filtered by.
shared_han = set(zh_words)
for line in open(args.hanja, encoding="utf-8"):
    p = line.split(":")
    if len(p) >= 2 and not line.startswith("#"):
        shared_han.add(hfold(p[1]))

# EDICT: ja <-> en
ja_words = set()
for line in open(args.edict, encoding="euc-jp", errors="replace"):
    m = re.match(r"^(\S+)(?: \[([^\]]+)\])? /(.*)/\s*$", line)
    if not m:
        continue
    head, reading, body = m.group(1), m.group(2), m.group(3)
    if head.startswith("\u3000"):
        continue
    senses = body.split("/")
    common = any(s == "(P)" for s in senses)
    uk = "(uk)" in body
    glosses = [s for s in senses if s and s != "(P)" and not s.startswith("EntL")]
    bonus = 0.4 if common else 0.0
    # Size: common words (P), every katakana word (loanwords), and uncommon kanji words that Chinese
    # or Korean also writes (shared Sino vocabulary, the technical words); other entries are dropped.
    if not common and not all(is_kana(c) or c == "・" for c in head) and hfold(head) not in shared_han:
        continue
    keys = [(hfold(head), head)]
    if reading and uk:
        keys.append((reading, reading))
    for k, shown in keys:
        if all(is_han(c) or is_kana(c) or c == "・" for c in k):
            ja_words.add(k)
            add_pair("ja", k.replace("・", ""), glosses, bonus, shown.replace("・", ""))

# WordNet 3.0 English lemmas per synset, then OMW Wiktionary/CLDR links: en <-> ko / ja / zh
syn_en = {}
for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
    for line in open(f"{args.wordnet}/data.{name}", encoding="latin-1"):
        if line.startswith(" "):
            continue
        p = line.split(" ")
        off, ss_type, w_cnt = p[0], p[2], int(p[3], 16)
        lemmas = [p[4 + 2 * i].replace("_", " ").lower() for i in range(w_cnt)]
        lemmas = [re.sub(r"\(.*\)$", "", l) for l in lemmas]
        syn_en[f"{off}-{'a' if ss_type == 's' else ss_type}"] = lemmas
for code, lang in (("kor", "ko"), ("jpn", "ja"), ("cmn", "zh")):
    for kind, bonus in (("wikt", 0.8), ("cldr", 0.5)):
        for line in open(f"{args.omw}/wn-{kind}-{code}.tab", encoding="utf-8"):
            if line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            if len(p) < 3 or p[0] not in syn_en:
                continue
            shown = p[2].strip()
            term = shown if lang == "ko" else hfold(shown)
            if not term or " " in term and lang != "ko" or lang == "ko" and not any(map(is_hangul, term)):
                continue
            add_pair(lang, term, syn_en[p[0]], bonus, shown)

# hanja.txt: Sino-Korean words, kept where the Han spelling is a Chinese or Japanese dictionary word.
for line in open(args.hanja, encoding="utf-8"):
    if line.startswith("#"):
        continue
    p = line.rstrip("\n").split(":")
    if len(p) < 2:
        continue
    ko, han = p[0], hfold(p[1])
    if len(ko) < 2 or not all_of(ko, is_hangul) or not all_of(han, is_han) or len(han) != len(ko):
        continue
    if han not in zh_words and han not in ja_words:
        continue
    add(han_ko[han], ko, 1.0)
    add(ko_han[ko], han, 1.0)


# ---- loanwords from pronunciation (CMU dict) ------------------------------------------------------
CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONG = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
K_ONSET = {"P": "ㅍ", "B": "ㅂ", "T": "ㅌ", "D": "ㄷ", "K": "ㅋ", "G": "ㄱ", "F": "ㅍ", "V": "ㅂ",
           "TH": "ㅅ", "DH": "ㄷ", "S": "ㅅ", "Z": "ㅈ", "SH": "ㅅ", "ZH": "ㅈ", "CH": "ㅊ", "JH": "ㅈ",
           "M": "ㅁ", "N": "ㄴ", "NG": "ㅇ", "L": "ㄹ", "R": "ㄹ", "HH": "ㅎ"}
K_ALONE = {"P": "프", "B": "브", "T": "트", "D": "드", "K": "크", "G": "그", "F": "프", "V": "브",
           "TH": "스", "DH": "드", "S": "스", "Z": "즈", "SH": "시", "ZH": "지", "CH": "치", "JH": "지",
           "M": "므", "N": "느", "L": "르", "R": "르", "HH": "흐", "NG": "ㅇ"}
K_VOWEL = {"AA": ["ㅏ"], "AE": ["ㅐ"], "AH": ["ㅓ"], "AO": ["ㅗ"], "EH": ["ㅔ"], "ER": ["ㅓ"],
           "IH": ["ㅣ"], "IY": ["ㅣ"], "UH": ["ㅜ"], "UW": ["ㅜ"], "AW": ["ㅏ", "ㅜ"], "AY": ["ㅏ", "ㅣ"],
           "EY": ["ㅔ", "ㅣ"], "OW": ["ㅗ"], "OY": ["ㅗ", "ㅣ"]}
Y_GLIDE = {"ㅏ": "ㅑ", "ㅓ": "ㅕ", "ㅗ": "ㅛ", "ㅜ": "ㅠ", "ㅔ": "ㅖ", "ㅐ": "ㅒ", "ㅣ": "ㅣ", "ㅡ": "ㅣ"}
W_GLIDE = {"ㅏ": "ㅘ", "ㅓ": "ㅝ", "ㅗ": "ㅝ", "ㅜ": "ㅜ", "ㅔ": "ㅞ", "ㅐ": "ㅙ", "ㅣ": "ㅟ", "ㅡ": "ㅜ"}
SHORT = {"AE", "AH", "EH", "IH", "UH", "AA"}
VOWELS = set(K_VOWEL)
CODA_STOP = {"P": "ㅂ", "T": "ㅅ", "K": "ㄱ"}


def syl(cho, jung, jong=" "):
    return [cho, jung, jong]


def render(syls):
    out = []
    for s in syls:
        out.append(chr(0xAC00 + (CHO.index(s[0]) * 21 + JUNG.index(s[1])) * 28 + JONG.index(s[2])))
    return "".join(out)


def korean(phones, aa_o=False, schwa_eu=False):
    ph = [(re.sub(r"\d", "", p), p[-1] if p[-1].isdigit() else "") for p in phones]
    out = []
    i = 0
    n = len(ph)
    while i < n:
        p, st = ph[i]
        nxt = ph[i + 1][0] if i + 1 < n else None
        if p in VOWELS:
            vs = list(K_VOWEL[p])
            if p == "AA" and aa_o:
                vs = ["ㅗ"]
            if p == "AH" and st == "0" and schwa_eu and nxt in ("L", "N") and i + 2 == n:
                vs = ["ㅡ"]
            out.append(syl("ㅇ", vs[0]))
            for v in vs[1:]:
                out.append(syl("ㅇ", v))
            i += 1
            continue
        if p in ("Y", "W"):
            if nxt in VOWELS:
                v = K_VOWEL[nxt][0] if not (nxt == "AA" and aa_o) else "ㅗ"
                g = (Y_GLIDE if p == "Y" else W_GLIDE).get(v, v)
                # A glide after a consonant joins that consonant's syllable (cute -> 큐).
                if out and out[-1][2] == " " and out[-1][1] == "ㅡ":
                    out[-1][1] = g
                else:
                    out.append(syl("ㅇ", g))
                for v2 in K_VOWEL[nxt][1:]:
                    out.append(syl("ㅇ", v2))
                i += 2
            else:
                i += 1
            continue
        prev = ph[i - 1][0] if i > 0 else None
        if nxt in VOWELS:
            v = K_VOWEL[nxt][0]
            if nxt == "AA" and aa_o:
                v = "ㅗ"
            if nxt == "AH" and ph[i + 1][1] == "0" and schwa_eu and i + 3 == n and ph[i + 2][0] in ("L", "N"):
                v = "ㅡ"
            if p in ("SH",):
                v = Y_GLIDE.get(v, v)
            if p == "L" and prev is not None and prev not in ("N", "M", "NG") and out and out[-1][2] == " ":
                out[-1][2] = "ㄹ"
            out.append(syl(K_ONSET[p], v))
            for v2 in K_VOWEL[nxt][1:]:
                out.append(syl("ㅇ", v2))
            i += 2
            continue
        # A consonant with no vowel after it.
        has_prev_vowel = prev in VOWELS
        last_open = bool(out) and out[-1][2] == " " and has_prev_vowel
        if p == "R":
            if not has_prev_vowel:
                out.append(syl("ㄹ", "ㅡ"))
        elif p in ("M", "N", "NG", "L") and last_open:
            out[-1][2] = {"M": "ㅁ", "N": "ㄴ", "NG": "ㅇ", "L": "ㄹ"}[p]
        elif p in CODA_STOP and last_open and prev in SHORT and nxt not in ("L", "R", "M", "N", "Y", "W"):
            out[-1][2] = CODA_STOP[p]
        elif p == "NG":
            out.append(syl("ㅇ", "ㅡ", "ㅇ"))
        else:
            a = K_ALONE[p]
            out.append(syl(K_ONSET[p], "ㅣ" if a[-1] in "시지치" else "ㅡ"))
        i += 1
    return render(out)


KANA = {}
_rows = {
    "": "アイウエオ", "K": "カキクケコ", "G": "ガギグゲゴ", "S": "サシスセソ", "Z": "ザジズゼゾ",
    "T": "タティトゥテト", "D": "ダディドゥデド", "N": "ナニヌネノ", "HH": "ハヒフヘホ", "B": "バビブベボ",
    "P": "パピプペポ", "M": "マミムメモ", "R": "ラリルレロ", "L": "ラリルレロ", "F": "ファフィフフェフォ",
    "V": "バビブベボ", "TH": "サシスセソ", "DH": "ザジズゼゾ", "SH": "シャシシュシェショ",
    "ZH": "ジャジジュジェジョ", "CH": "チャチチュチェチョ", "JH": "ジャジジュジェジョ",
    "Y": "ヤイユイエヨ", "NG": "ンガンギングンゲンゴ", "W": "ワウィウウェウォ",
}


def _split_row(r):
    # Five morae, each one kana or a kana with a small kana after it (ン starts a two-kana mora).
    if r.startswith("ン"):
        return [r[i:i + 2] for i in range(0, 10, 2)]
    out = []
    i = 0
    while i < len(r):
        if i + 1 < len(r) and r[i + 1] in "ァィゥェォャュョ":
            out.append(r[i:i + 2])
            i += 2
        else:
            out.append(r[i])
            i += 1
    return out


for c, r in _rows.items():
    KANA[c] = dict(zip("aiueo", _split_row(r)))
J_VOWEL = {"AA": "a", "AE": "a", "AH": "a", "AO": "o:", "EH": "e", "ER": "a:", "IH": "i", "IY": "i:",
           "UH": "u", "UW": "u:", "AW": "au", "AY": "ai", "EY": "e:", "OW": "o:", "OY": "oi"}
J_ALONE_V = {"T": "o", "D": "o", "CH": "i", "JH": "i", "SH": "u", "ZH": "u"}


def katakana(phones, aa_o=False):
    ph = [re.sub(r"\d", "", p) for p in phones]
    out = []
    i = 0
    n = len(ph)

    def vowel_morae(cons, v):
        res = []
        for j, ch in enumerate(v):
            if ch == ":":
                res.append("ー")
            else:
                res.append(KANA[cons if j == 0 else ""][ch])
        return res

    while i < n:
        p = ph[i]
        nxt = ph[i + 1] if i + 1 < n else None
        if p in J_VOWEL:
            v = "o" if (p == "AA" and aa_o) else J_VOWEL[p]
            out += vowel_morae("", v)
            i += 1
            continue
        if nxt in J_VOWEL:
            v = "o" if (nxt == "AA" and aa_o) else J_VOWEL[nxt]
            if p == "Y" and v[0] in "aueo":
                out.append({"a": "ャ", "u": "ュ", "e": "ェ", "o": "ョ"}[v[0]] if out and out[-1][-1] in "キギシジチニヒビピミリ" else KANA["Y"].get(v[0], "イ"))
                out += ["ー" if ch == ":" else KANA[""][ch] for ch in v[1:]]
            else:
                out += vowel_morae(p, v)
            i += 2
            continue
        prev = ph[i - 1] if i > 0 else None
        if p == "R":
            if prev in J_VOWEL and out and out[-1] != "ー":
                out.append("ー")
        elif p in ("N", "NG", "M") and prev in J_VOWEL and (p != "M" or nxt in ("P", "B", "M")):
            out.append("ン")
            if p == "NG" and nxt is None:
                out.append("グ")
        elif p in ("Y", "W"):
            pass
        else:
            if p in ("P", "T", "K", "CH", "SH") and prev in SHORT and out and out[-1] != "ー":
                out.append("ッ")
            out.append(KANA[p][J_ALONE_V.get(p, "u")])
        i += 1
    return "".join(out)


en_words = {e for e in fwd if " " not in e}
cmu = {}
for line in open(args.cmudict, encoding="latin-1"):
    if not line[:1].isalpha():
        continue
    w, _, pr = line.strip().partition("  ")
    if "(" in w:
        continue
    w = w.lower()
    if w in en_words and len(w) >= 3:
        cmu[w] = pr.split()
phonetic = collections.defaultdict(lambda: collections.defaultdict(list))
for w, phones in sorted(cmu.items()):
    variants_ko = []
    for aa_o in (False, True):
        for schwa in (False, True):
            if aa_o and "o" not in w:
                continue
            k = korean(phones, aa_o, schwa)
            if k and all_of(k, is_hangul) and k not in variants_ko:
                variants_ko.append(k)
    variants_ja = []
    for aa_o in (False, True):
        if aa_o and "o" not in w:
            continue
        k = katakana(phones, aa_o)
        if k and all(is_kana(c) for c in k) and k not in variants_ja:
            variants_ja.append(k)
    for k in variants_ko[:3]:
        phonetic[w]["ko"].append(k)
    if not fwd[w].get("ja"):
        phonetic[w]["ja"] += variants_ja[:2]

# ---- write -----------------------------------------------------------------------------------------
lines = {}


def best(d, limit=MAX_PER_LANG):
    return [k for k, _ in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


for e in fwd:
    if " " in e:
        continue  # Queries are translated word by word; two-word glosses stay as candidates only.
    cands = []
    for lang in ("ko", "ja", "zh"):
        cands += [f"{lang}:{t}" for t in best(fwd[e].get(lang, {}))]
        have = set(fwd[e].get(lang, {}))
        cands += [f"~{lang}:{t}" for t in phonetic.get(e, {}).get(lang, []) if t not in have]
    lines[f"en:{e}"] = cands
for w, by in phonetic.items():
    for lang, ts in by.items():
        for t in ts:
            key = f"{lang}:{t}"
            if (lang, t) not in rev:
                lines.setdefault(key, [])
                if f"~en:{w}" not in lines[key]:
                    lines[key].append(f"~en:{w}")
for (lang, t), d in rev.items():
    cands = [f"en:{e}" for e in best(d, 3)]
    if lang == "ko":
        cands += [f"han:{h}" for h in best(ko_han.get(t, {}))]
    lines[f"{lang}:{t}"] = cands + lines.get(f"{lang}:{t}", [])
for ko, hs in ko_han.items():
    if ("ko", ko) not in rev:
        lines[f"ko:{ko}"] = [f"han:{h}" for h in best(hs)] + lines.get(f"ko:{ko}", [])
for h, kos in han_ko.items():
    lines[f"han:{h}"] = [f"ko:{k}" for k in best(kos)]

# Term pairs mined from parallel text come first: they are the words translators actually chose.
if args.mined:
    mined = collections.defaultdict(list)
    # Chinese words only the Mainland/Taiwan table has (Taiwan 函式) are looked up through their
    # variant (函数 -> function); a key of their own mined from the Japanese pages gets the variant's
    # neighbours after its mined ones, so that it does not hide them.
    variants = {}
    for line in open(os.path.join(os.path.dirname(args.out), "zh-variants.tsv"), encoding="utf-8"):
        if not line.startswith("#") and "\t" in line:
            k, v = line.rstrip("\n").split("\t", 1)
            variants[hfold(k)] = [hfold(w) for w in v.split()]
    variant_keys = {}
    for line in open(args.mined, encoding="utf-8"):
        la, x, lb, y, dice = line.rstrip("\n").split("\t")
        if la != "en":
            x = hfold(x) if la in ("zh", "ja") else x
        if la == "zh" and lb == "ja" and x in variants and f"zh:{x}" not in lines:
            variant_keys[f"zh:{x}"] = variants[x]
        if lb == "zh":
            y = hfold(y)
        mined[f"{la}:{x}"].append((-float(dice), f"{lb}:{y}"))
    for key, cands in mined.items():
        ordered = [c for _, c in sorted(cands)]
        rest = [c for c in lines.get(key, []) if c not in ordered]
        lines[key] = list(dict.fromkeys(ordered)) + rest
    for key, vs in sorted(variant_keys.items()):
        for v in vs:
            if f"zh:{v}" in lines and f"zh:{v}" not in variant_keys:
                lines[key] = list(dict.fromkeys(lines[key] + lines[f"zh:{v}"]))
                break

HEADER = (
    "# parkdoc cross-language lexicon, built by tools/build-lexicon from CC-CEDICT (CC BY-SA 4.0),\n"
    "# EDICT/JMdict (EDRDG, CC BY-SA 4.0), libhangul hanja.txt (BSD-3), Open Multilingual Wordnet\n"
    "# Wiktionary links (CC BY-SA 3.0) and CLDR names (Unicode licence) over WordNet 3.0 lemmas, and\n"
    "# CMU Pronouncing Dictionary (BSD-2) loanword guesses (~). This file is CC BY-SA 4.0. See docs/translation.md.\n")
# One gzip file per key language and bucket (the key's first UTF-16 unit modulo BUCKETS), so a
# look-up loads only the small part it needs: LANG-B.tsv.gz.
BUCKETS = 16


def bucket(term):
    return int.from_bytes(term.encode("utf-16-be")[:2], "big") % BUCKETS


files = {}
for key in sorted(lines, key=lambda k: k.encode("utf-8")):
    if not lines[key] or "\t" in key or "\n" in key:
        continue
    lang, term = key.split(":", 1)
    name = f"{lang}-{bucket(term)}"
    if name not in files:
        files[name] = gzip.GzipFile(f"{args.out}/{name}.tsv.gz", "wb", 9, mtime=0)
        files[name].write(HEADER.encode("utf-8"))
    files[name].write((term + "\t" + "\t".join(lines[key]) + "\n").encode("utf-8"))
for f in files.values():
    f.close()
