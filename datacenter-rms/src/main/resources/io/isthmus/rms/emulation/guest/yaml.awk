# Flattens block-style YAML (as SnakeYAML emits it, or as people write cloud-init seeds) into one line per
# scalar: "<path><TAB><value>", the path being the keys from the top joined by "/". For example
#
#   ethernets:                              ethernets/tenant0/match/macaddress<TAB>02:49:53:00:00:01
#     tenant0:                              ethernets/tenant0/addresses<TAB>10.1.0.5/24
#       match:                       ==>
#         macaddress: '02:49:53:00:00:01'
#       addresses:
#       - 10.1.0.5/24
#
# A list of scalars ("- x" at the same or a deeper indent than its key, or a flow list "[a, b]") gives its key's
# path once per item; a list of mappings ("- to: x") numbers its items from 0: "routes/0/to". Values may be
# plain (a " #" starts a comment), 'single' or "double" quoted; a one-line flow mapping "{k: v, k2: v2}" gives
# "<path>/k". Not understood, and skipped: block scalars (| and >), nested flow collections, anchors and aliases.
# Runs under busybox awk in the test guest.

function trim(s) {
    sub(/^[ \t]+/, "", s)
    sub(/[ \t]+$/, "", s)
    return s
}

function unquote(v,    out, i, c) {
    v = trim(v)
    if (v ~ /^'/) {
        v = substr(v, 2)
        out = ""
        while ((i = index(v, "'")) > 0) {
            if (substr(v, i + 1, 1) == "'") { out = out substr(v, 1, i); v = substr(v, i + 2); continue }
            return out substr(v, 1, i - 1)
        }
        return out v
    }
    if (v ~ /^"/) {
        out = ""
        for (i = 2; i <= length(v); i++) {
            c = substr(v, i, 1)
            if (c == "\"") break
            if (c == "\\") {
                c = substr(v, ++i, 1)
                if (c == "n") c = "\n"; else if (c == "t") c = "\t"
            }
            out = out c
        }
        return out
    }
    sub(/[ \t]+#.*$/, "", v)
    return v
}

function path(    p, d) {
    p = ""
    for (d = 1; d <= depth; d++) p = p (d > 1 ? "/" : "") key[d]
    return p
}

function emit(p, v) {
    gsub(/[\t\n]/, " ", v)
    print p "\t" v
}

# Emits every item of the flow list "[a, 'b', c]" (no nested brackets, no commas inside quotes) under p.
function emitflow(p, v,    n, items, i) {
    v = substr(v, 2, length(v) - 2)
    n = split(v, items, ",")
    for (i = 1; i <= n; i++) if (trim(items[i]) != "") emit(p, unquote(items[i]))
}

# Emits every "k: v" of the flow mapping "{k: v, k2: v2}" (no nesting, no commas inside quotes) as p/k.
function emitmap(p, v,    n, items, i, k) {
    v = substr(v, 2, length(v) - 2)
    n = split(v, items, ",")
    for (i = 1; i <= n; i++) {
        if (!match(items[i], /:([ \t]|$)/)) continue
        k = unquote(substr(items[i], 1, RSTART - 1))
        emit(p "/" k, unquote(substr(items[i], RSTART + 1)))
    }
}

# A "key: value" or "key:" line whose key starts at column col.
function keyline(col, rest,    k, v) {
    if (!match(rest, /:([ \t]|$)/)) return
    k = unquote(substr(rest, 1, RSTART - 1))
    v = trim(substr(rest, RSTART + 1))
    while (depth > 0 && indent[depth] >= col) depth--
    depth++; indent[depth] = col; key[depth] = k; item[depth] = 0
    if (v == "" || v ~ /^[|>&*!]/) return
    if (v ~ /^\[.*\]$/) emitflow(path(), v)
    else if (v ~ /^\{.*\}$/) emitmap(path(), v)
    else emit(path(), unquote(v))
}

# A "- ..." list item at column col: its owner is the closest key at the same or a smaller indent.
function listitem(col, rest,    content, p, ccol) {
    while (depth > 0 && (indent[depth] > col || (indent[depth] == col && item[depth]))) depth--
    p = path()
    content = substr(rest, 2)
    ccol = col + 1
    while (substr(content, 1, 1) == " ") { content = substr(content, 2); ccol++ }
    if (content == "") return
    if (content ~ /^[^'"\[{][^:]*:([ \t]|$)/ || content ~ /^('[^']*'|"[^"]*"):([ \t]|$)/) {
        depth++; indent[depth] = col; key[depth] = count[p]++; item[depth] = 1
        keyline(ccol, content)
    } else if (content ~ /^\[.*\]$/) {
        emitflow(p, content)
    } else {
        emit(p, unquote(content))
    }
}

{
    sub(/\r$/, "")
    if ($0 ~ /^[ \t]*(#.*)?$/ || $0 ~ /^(---|\.\.\.|%)/) next
    match($0, /^ */)
    col = RLENGTH
    rest = substr($0, col + 1)
    if (rest ~ /^-([ \t]|$)/) listitem(col, rest)
    else keyline(col, rest)
}
