"""Walk and rewrite the containers of a devset submission: zips (nested, with a
password), .eml attachments (base64), by the truth.json path syntax
('::' steps into a zip entry or an email attachment)."""
import base64, os, re, shutil, subprocess, tempfile, time, zipfile

def eml_attachments(text):
    """[(filename, start, end, line_len)] of base64 bodies in an .eml's text."""
    out = []
    # each part: headers ... blank line, body up to next boundary line
    # Generic: split on header blocks that contain filename=
    pos = 0
    hdr_re = re.compile(r'(?m)^Content-Type:[^\n]*\n(?:[ \t][^\n]*\n|[A-Za-z-]+:[^\n]*\n)*\r?\n')
    for m in hdr_re.finditer(text):
        hdr = m.group(0)
        fn = re.search(r'filename="([^"]*)"', hdr) or re.search(r'filename=([^;\s]+)', hdr)
        if not fn or 'base64' not in hdr.lower():
            continue
        start = m.end()
        end = text.find('\n--', start)
        body = text[start:end]
        first = body.split('\n', 1)[0]
        out.append((fn.group(1), start, end, len(first.rstrip('\r'))))
    return out

def read_member(data, kind, name, password=None):
    if kind == 'zip':
        z = zipfile.ZipFile(_bio(data))
        return z.read(name, pwd=password.encode() if password else None)
    if kind == 'eml':
        text = data.decode('latin-1')
        for fn, s, e, _ in eml_attachments(text):
            if fn == name:
                return base64.b64decode(text[s:e])
        raise KeyError(name)

def _bio(b):
    import io
    return io.BytesIO(b)

def kind_of(name, data):
    n = name.lower()
    if n.endswith('.zip') or data[:4] == b'PK\x03\x04' and not n.endswith(('.docx', '.xlsx', '.pptx')):
        return 'zip'
    if n.endswith('.eml'):
        return 'eml'
    return None

def walk(data, name, prefix='', password=None):
    """Yield (path, data) for every leaf file inside (data, name)."""
    k = kind_of(name, data)
    if k == 'zip':
        z = zipfile.ZipFile(_bio(data))
        for i in z.infolist():
            if i.is_dir():
                continue
            sub = z.read(i, pwd=password.encode() if password and i.flag_bits & 1 else None)
            yield from walk(sub, i.filename, prefix + name + '::', password)
    elif k == 'eml':
        text = data.decode('latin-1')
        for fn, s, e, _ in eml_attachments(text):
            yield from walk(base64.b64decode(text[s:e]), fn, prefix + name + '::', password)
    else:
        yield prefix + name, data

def rewrite(data, name, fn, prefix='', password=None, renames=None):
    """Return new bytes for (data, name): fn(path, bytes) -> new bytes or None (unchanged),
    applied to every leaf; containers re-packed the same way when a member changed.
    renames: dict path -> new leaf name (a member renamed in its container)."""
    renames = renames if renames is not None else {}
    k = kind_of(name, data)
    path = prefix + name
    if k == 'zip':
        z = zipfile.ZipFile(_bio(data))
        infos = z.infolist()
        changed = False
        members = []
        for i in infos:
            if i.is_dir():
                members.append((i, None, i.filename)); continue
            enc = bool(i.flag_bits & 1)
            sub = z.read(i, pwd=password.encode() if password and enc else None)
            new = rewrite(sub, i.filename, fn, path + '::', password, renames)
            newname = i.filename
            if path + '::' + i.filename in renames:
                d = os.path.dirname(i.filename)
                newname = (d + '/' if d else '') + renames[path + '::' + i.filename]
            if new is not None or newname != i.filename:
                changed = True
            members.append((i, new if new is not None else sub, newname))
        if not changed:
            return None
        encrypted = any(i.flag_bits & 1 for i in infos)
        return repack_zip(members, encrypted and password)
    if k == 'eml':
        text = data.decode('latin-1')
        atts = eml_attachments(text)
        out = []; last = 0; changed = False
        for fname, s, e, ll in atts:
            sub = base64.b64decode(text[s:e])
            new = rewrite(sub, fname, fn, path + '::', password, renames)
            newname = renames.get(path + '::' + fname)
            if new is None and newname is None:
                continue
            changed = True
            seg_start = s
            if newname is not None:
                # rename in the headers of this part
                hstart = text.rfind('\nContent-Type:', 0, s)
                out.append(text[last:hstart])
                hdr = text[hstart:s].replace('"%s"' % fname, '"%s"' % newname)
                out.append(hdr)
            else:
                out.append(text[last:s])
            b = base64.b64encode(new if new is not None else sub).decode()
            eol = '\r\n' if text[s:e].find('\r\n') >= 0 else '\n'
            body = eol.join(b[j:j + ll] for j in range(0, len(b), ll))
            trailing = text[s:e][len(text[s:e].rstrip('\r\n')):]
            out.append(body + trailing)
            last = e
        if not changed:
            return None
        out.append(text[last:])
        return ''.join(out).encode('latin-1')
    return fn(path, data)

def repack_zip(members, password=None):
    """members: [(ZipInfo, bytes or None for a dir, name)] -> zip bytes, same order,
    dates, methods and attributes."""
    if not password:
        buf = _bio(b'')
        with zipfile.ZipFile(buf, 'w') as z:
            for i, b, name in members:
                ni = zipfile.ZipInfo(name, date_time=i.date_time)
                ni.compress_type = i.compress_type
                ni.external_attr = i.external_attr
                ni.create_system = i.create_system
                ni.comment = i.comment
                z.writestr(ni, b if b is not None else b'')
        return buf.getvalue()
    # ZipCrypto: the zip tool, members in the same order and with the same dates.
    tmp = tempfile.mkdtemp(prefix='pert-zip-')
    try:
        names = []
        for i, b, name in members:
            p = os.path.join(tmp, 'd', name)
            if b is None:
                os.makedirs(p, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(p), exist_ok=True)
                open(p, 'wb').write(b)
            t = time.mktime(i.date_time + (0, 0, -1))
            os.utime(p, (t, t))
            names.append(name)
        out = os.path.join(tmp, 'out.zip')
        subprocess.run(['zip', '-q', '-X', '-D', '-P', password, out] + names,
                       cwd=os.path.join(tmp, 'd'), check=True)
        return open(out, 'rb').read()
    finally:
        shutil.rmtree(tmp)
