#!/usr/bin/env python3
"""Copy a devset seed and give its case files other vocabulary.

usage: perturb.py SRC_SEED_DIR DST_SEED_DIR --variant A|B|C|D [--rng N] [--no-names]

Why: the devset is the measure, not the target; the project is judged on submissions
with other wording. This makes such submissions from the devset itself, so
`scripts/bench-devset DST_SEED_DIR` shows whether the figures hold on titles,
pseudonyms and places no rule of ours was written from. Needs qpdf (fix-qdf),
poppler-utils (pdftotext) and zip.

In every case-file document (PDF with a text layer, DOCX; inside zips, nested zips,
password zips and .eml attachments, re-packed the same way) this rewrites:
  - each part heading listed in truth.json case_files[].component_titles to another
    title an advocacy organisation might use (TITLES[variant], none holding a cue of
    the team's profiles: checked at start-up);
  - pseudonyms ("Ms B", "Client N"): another letter, and one style for another
    ("Client X" -> "Resident X" in variant A, "Person X" -> "Adult X" in variant B,
    "Individual X" in C, "Citizen X" in D);
  - care homes, wards and units named in the files (PLACES[variant]).
A per-part file named after its heading ("1 Referral Form.pdf") is renamed after the
new one. truth.json gets the new titles and paths (and a "perturbation" record);
scanned case files (no text layer) are left as they are, with their titles.
Every rewritten PDF is checked with pdftotext: the new headings must be extracted,
the old ones gone; a file that fails is left unchanged (and logged).
"""
import argparse, html, io, json, os, random, re, shutil, subprocess, sys, tempfile, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import containers  # noqa: E402

TITLES = {
    'A': {
        'referral': ['Initial Contact Sheet', 'New Client Intake', 'Request for Support',
                     'How This Case Came to Us', 'First Contact Details'],
        'agreement_or_action_plan': ['What We Will Do Together', 'Goals and Next Steps',
                                     'Agreed Way Forward', 'Person-Led Priorities',
                                     'Our Working Arrangement'],
        'consent_or_authorisation': ['Permission Record', 'Capacity and Authority Note',
                                     'Mandate to Act', 'Legal Basis for Involvement',
                                     'Basis for Acting Without Instruction'],
        'case_notes': ["Advocate's Record", 'Diary of Involvement', 'Record of Work Done',
                       'Timeline of Involvement', 'Journal of Visits and Calls'],
        'correspondence': ['Messages', 'Written Exchanges', 'Copies Sent Out',
                           'Mail Sent and Received', 'Outgoing Post'],
    },
    'B': {
        'referral': ['Opening Record', 'Enquiry Received', 'Starting Information',
                     'Asking for an Advocate', 'Case Opening Sheet'],
        'agreement_or_action_plan': ['Steps We Agreed', 'Priorities and Tasks', 'Plan for Change',
                                     'Things to Achieve', 'Next Steps Together'],
        'consent_or_authorisation': ['Go-Ahead to Represent', 'Sign-Off to Proceed',
                                     'Right to Act Record', 'Approval to Proceed',
                                     'Permission to Represent'],
        'case_notes': ['Work Diary', 'Log of Involvement', 'Running Account',
                       'What Happened and When', 'Daybook Entries'],
        'correspondence': ['Post and Messages', 'Paper Trail', 'Mail File', 'Sent Items',
                           'Messages In and Out'],
    },
    'C': {
        'referral': ['Who Asked for Help', 'Opening Details', 'Case Start Form',
                     'First Approach', 'Getting Started Sheet'],
        'agreement_or_action_plan': ['How We Will Work', 'Our Shared Aims', 'Route Map',
                                     'Targets and Tasks', 'What Happens Next'],
        'consent_or_authorisation': ['Say-So Record', 'Agreement to Involvement',
                                     'Green Light to Proceed', 'Mandate Record',
                                     'Grounds for Acting'],
        'case_notes': ['Involvement Record', 'Timeline', 'Day Book', 'Record of Involvement',
                       'Entries'],
        'correspondence': ['Outgoing and Incoming', 'Written Contact', 'Copies Kept',
                           'Mailbag', 'Exchanges'],
    },
    'D': {
        'referral': ['Intake Details', 'Request Received', 'Case Opening', 'Initial Enquiry',
                     'Start of Involvement'],
        'agreement_or_action_plan': ['Our Promise to You', 'Steps Forward', 'Shared Goals',
                                     'Tasks Ahead', 'Programme of Support'],
        'consent_or_authorisation': ['OK to Act', 'Authority Note', 'Right to Represent',
                                     'Basis of Involvement', 'Go-Ahead Form'],
        'case_notes': ['Diary', 'Chronicle of Contact', 'Worker Log', 'Day-to-Day Record',
                       'Account of Involvement'],
        'correspondence': ['Post', 'Paperwork Sent', 'Incoming and Outgoing', 'Copies',
                           'Mail Out'],
    },
}

PLACES = {
    'A': {'Fernhill Care Centre': 'Holmwood Care Centre', 'Oak Ward': 'Ash Ward',
          'Beech Ward': 'Hazel Ward', 'Acute Medical Unit': 'Frailty Assessment Unit',
          'The Willows Nursing Home': 'The Laurels Nursing Home',
          'Larchfield Lodge': 'Kingsmead Lodge', 'Elmstead House': 'Glenview House',
          'Cedar Grange': 'Rosewood Grange', 'Ward 7 (older adults)': 'Ward 12 (frailty)'},
    'B': {'Fernhill Care Centre': 'Saltings Care Home', 'Oak Ward': 'Rowan Ward',
          'Beech Ward': 'Maple Ward', 'Acute Medical Unit': 'Stroke Rehab Unit',
          'The Willows Nursing Home': 'Bramble Bank Nursing Home',
          'Larchfield Lodge': 'Thornbury House', 'Elmstead House': 'Millbrook Court',
          'Cedar Grange': 'Poplar Hall', 'Ward 7 (older adults)': 'Ward 4 (elderly care)'},
    'C': {'Fernhill Care Centre': 'Harbour View Care Centre', 'Oak Ward': 'Poppy Ward',
          'Beech Ward': 'Jasmine Ward', 'Acute Medical Unit': 'Older Persons Unit',
          'The Willows Nursing Home': 'The Grange Nursing Home',
          'Larchfield Lodge': 'Ashby Lodge', 'Elmstead House': 'Stanley House',
          'Cedar Grange': 'Grace Court', 'Ward 7 (older adults)': 'Ward 9 (stroke)'},
    'D': {'Fernhill Care Centre': 'Lindley Care Centre', 'Oak Ward': 'Florence Ward',
          'Beech Ward': 'Victoria Ward', 'Acute Medical Unit': 'Assessment Unit',
          'The Willows Nursing Home': 'Beaumont Nursing Home',
          'Larchfield Lodge': 'Henley Lodge', 'Elmstead House': 'Carlton House',
          'Cedar Grange': 'Hollins Grange', 'Ward 7 (older adults)': 'Ward 2 (rehab)'},
}
STYLE_SWAP = {'A': ('Client', 'Resident'), 'B': ('Person', 'Adult'), 'C': ('Client', 'Individual'),
              'D': ('Person', 'Citizen')}
PSEUDO_RE = re.compile(r'\b(Mr|Mrs|Ms|Miss|Mx|Person|Client)([ \n])([A-Z])(?![A-Za-z0-9])')

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROFILES = [os.path.join(ROOT, 'tests', 'profiles', 'qpm-devset-edition.json'),
            os.path.join(ROOT, 'profiles', 'qpm-v4.json')]


# ---------------------------------------------------------------- cue check
def fold(s):
    return ' '.join(re.findall(r'[a-z0-9]+', s.lower()))


def plural(p):
    if len(p) >= 2 and p[-1] == 'y' and p[-2] not in 'aeiou':
        return p[:-1] + 'ies'
    if p.endswith(('s', 'x', 'ch', 'sh')):
        return p + 'es'
    return p + 's'


def has_phrase(text, phrase):
    return re.search(r'(?:^| )' + re.escape(phrase) + r'(?:$| )', text) is not None


def check_titles():
    cues = set()
    for path in PROFILES:
        prof = json.load(open(path))
        cf = prof['case_files']
        cues.update(cf.get('cues', []))
        for c in cf['components']:
            cues.update(c['cues'])
            cues.add(c['name'])
        cues.update(prof.get('correspondence_cues', []))
    bad = []
    for v in TITLES.values():
        for titles in v.values():
            for t in titles:
                ft = fold(t)
                for c in cues:
                    fc = fold(c)
                    if fc and (has_phrase(ft, fc) or has_phrase(ft, plural(fc))):
                        bad.append((t, c))
    if bad:
        sys.exit('titles holding a cue: %s' % bad)
    return len(cues)


# ---------------------------------------------------------------- text transform
class Rewriter:
    def __init__(self, variant, rng, names=True):
        self.variant = variant
        letters = [c for c in 'ABCDEFGHJKLMNPQRSTUVWYZ']
        shuffled = letters[:]
        rng.shuffle(shuffled)
        self.letters = dict(zip(letters, shuffled))
        self.names = names
        self.places = PLACES[variant]
        self.swap = STYLE_SWAP[variant]
        self.counts = {}

    def count(self, key):
        self.counts[key] = self.counts.get(key, 0) + 1

    def text(self, s, titles):
        """titles: {old: new}; longest first, whole phrase, case-sensitive. `s` may hold
        several lines of one text block joined by '\n' (a PDF text block's strings): a
        phrase wrapped over two lines is found too, and the number of lines is kept."""
        def phrase_re(p):
            return r'[ \n]'.join(re.escape(w) for w in p.split(' '))

        def keep_lines(matched, new):
            n = matched.count('\n')
            if not n:
                return new
            # put each line break at the same word gap as in the old phrase, if the new
            # phrase has one there; else at its last gaps, else after it
            gaps = [m.start() for m in re.finditer(' ', new)]
            old_gaps = [i for i, c in enumerate(re.findall(r'[ \n]', matched)) if c == '\n']
            chars = list(new)
            extra = 0
            for k in old_gaps:
                if k < len(gaps):
                    chars[gaps[k]] = '\n'
                else:
                    extra += 1
            return ''.join(chars) + '\n' * extra

        def title_new(new):
            # a wrapped heading: the new title on its first line, the other lines emptied
            return lambda m: '\x00%d\x00' % self._stash(new + '\n' * m.group(0).count('\n'))

        for old in sorted(titles, key=len, reverse=True):
            pat = r'(?<![A-Za-z0-9-])' + phrase_re(old) + r'(?![A-Za-z0-9])'
            s, n = re.subn(pat, title_new(titles[old]), s)
            if n:
                self.count('title')
        s = self._unstash(s)
        if not self.names:
            return s
        for old, new in self.places.items():
            s, n = re.subn(phrase_re(old), lambda m: keep_lines(m.group(0), new), s)
            if n:
                self.count('place')

        def pseudo(m):
            self.count('pseudonym')
            style = m.group(1)
            if style == self.swap[0]:
                style = self.swap[1]
            return style + m.group(2) + self.letters.get(m.group(3), m.group(3))
        return PSEUDO_RE.sub(pseudo, s)

    _stash_list = []

    def _stash(self, v):
        self._stash_list.append(v)
        return len(self._stash_list) - 1

    def _unstash(self, s):
        return re.sub('\x00(\\d+)\x00', lambda m: self._stash_list[int(m.group(1))], s)


# ---------------------------------------------------------------- PDF
def pdf_literal_spans(buf, start, end):
    """(open, close) index pairs of top-level literal strings in buf[start:end]."""
    i = start
    out = []
    while i < end:
        c = buf[i]
        if c == '%':  # comment to end of line
            j = buf.find('\n', i, end)
            i = end if j < 0 else j
            continue
        if c == '(':
            depth = 1
            j = i + 1
            while j < end and depth:
                d = buf[j]
                if d == '\\':
                    j += 2
                    continue
                if d == '(':
                    depth += 1
                elif d == ')':
                    depth -= 1
                j += 1
            out.append((i, j - 1))
            i = j
            continue
        if c == 'B' and buf.startswith('BI', i) and (i == 0 or buf[i - 1] in ' \n\r\t'):
            j = buf.find('EI', i, end)  # inline image: skip its data
            i = end if j < 0 else j + 2
            continue
        i += 1
    return out


ESC = {'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f', '(': '(', ')': ')', '\\': '\\'}


def pdf_unescape(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c != '\\':
            out.append(c)
            i += 1
            continue
        n = s[i + 1] if i + 1 < len(s) else ''
        if n in ESC:
            out.append(ESC[n])
            i += 2
        elif n.isdigit():
            m = re.match(r'[0-7]{1,3}', s[i + 1:])
            out.append(chr(int(m.group(0), 8) & 0xFF))
            i += 1 + len(m.group(0))
        elif n in '\r\n':
            i += 2 + (1 if n == '\r' and s[i + 2:i + 3] == '\n' else 0)
        else:
            out.append(n)
            i += 2
    return ''.join(out)


def pdf_escape(s):
    out = []
    for c in s:
        o = ord(c)
        if c in '()\\':
            out.append('\\' + c)
        elif o < 32 or o > 126:
            out.append('\\%03o' % o)
        else:
            out.append(c)
    return ''.join(out)


def rewrite_strings(buf, start, end, fn):
    """Apply fn to each literal string's decoded text in buf[start:end]; returns the new
    segment and whether anything changed."""
    pieces = []
    last = start
    changed = False
    for a, b in pdf_literal_spans(buf, start, end):
        raw = buf[a + 1:b]
        dec = pdf_unescape(raw)
        new = fn(dec)
        if new != dec:
            changed = True
            pieces.append(buf[last:a + 1])
            pieces.append(pdf_escape(new))
            last = b
    pieces.append(buf[last:end])
    return ''.join(pieces), changed


def rewrite_blocks(seg, fn):
    """Apply fn to the text of each BT..ET block of a content stream: its strings'
    decoded texts joined by '\n' (fn keeps the number of lines), then put back one per
    string."""
    out = []
    last = 0
    changed = False
    for m in re.finditer(r'(?s)(?<![A-Za-z])BT(?![A-Za-z]).*?(?<![A-Za-z])ET(?![A-Za-z])', seg):
        spans = pdf_literal_spans(seg, m.start(), m.end())
        if not spans:
            continue
        texts = [pdf_unescape(seg[a + 1:b]) for a, b in spans]
        if any('\n' in t for t in texts):
            continue
        new = fn('\n'.join(texts)).split('\n')
        if len(new) != len(texts):
            raise RuntimeError('lines lost in %r' % texts)
        for (a, b), old_t, new_t in zip(spans, texts, new):
            if new_t != old_t:
                changed = True
                out.append(seg[last:a + 1])
                out.append(pdf_escape(new_t))
                last = b
    out.append(seg[last:])
    return ''.join(out), changed


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def pdf_text_pages(path):
    r = run(['pdftotext', '-layout', path, '-'])
    return r.stdout.decode('utf-8', 'replace').split('\f')


def rewrite_pdf(data, page_titles, all_titles, rw, log):
    """page_titles: {page (1-based): {old: new}}; all_titles for strings outside pages."""
    tmp = tempfile.mkdtemp(prefix='pert-pdf-')
    try:
        src = os.path.join(tmp, 'in.pdf')
        open(src, 'wb').write(data)
        r = run(['qpdf', '--qdf', '--object-streams=disable', src, os.path.join(tmp, 'q.pdf')])
        if r.returncode not in (0, 3):
            log.append('qpdf failed: ' + r.stderr.decode()[:200])
            return None
        buf = open(os.path.join(tmp, 'q.pdf'), 'rb').read().decode('latin-1')
        # content stream objects and their pages (qdf comments name them)
        page_of = {}
        for m in re.finditer(r'%% Contents for page (\d+)\n(?:%%[^\n]*\n)*(\d+) 0 obj', buf):
            page_of[int(m.group(2))] = int(m.group(1))
        out = []
        last = 0
        changed = False
        for m in re.finditer(r'(?m)^(\d+) 0 obj\n', buf):
            obj = int(m.group(1))
            end_obj = buf.find('\nendobj', m.end())
            sm = buf.find('\nstream\n', m.end(), end_obj)
            if obj in page_of:
                if sm < 0:
                    continue
                s0 = sm + len('\nstream\n')
                s1 = buf.rfind('endstream', s0, end_obj)
                titles = page_titles.get(page_of[obj], {})
                seg, ch = rewrite_blocks(buf[s0:s1], lambda t: rw.text(t, titles))
            else:
                # dictionaries only (Info /Title, outlines): whole-string titles
                d_end = sm if sm >= 0 else end_obj
                s0, s1 = m.end(), d_end
                if buf[s0:s1].find('(') < 0:
                    continue
                seg, ch = rewrite_strings(
                    buf, s0, s1, lambda t: all_titles.get(t.strip(), t))
            if ch:
                changed = True
                out.append(buf[last:s0])
                out.append(seg)
                last = s1
        if not changed:
            return None
        out.append(buf[last:])
        open(os.path.join(tmp, 'e.pdf'), 'wb').write(''.join(out).encode('latin-1'))
        with open(os.path.join(tmp, 'f.pdf'), 'wb') as f:
            r = subprocess.run(['fix-qdf', os.path.join(tmp, 'e.pdf')], stdout=f,
                               stderr=subprocess.PIPE)
        if r.returncode != 0:
            log.append('fix-qdf failed: ' + r.stderr.decode()[:200])
            return None
        r = run(['qpdf', '--deterministic-id', '--compress-streams=y', '--object-streams=preserve',
                 os.path.join(tmp, 'f.pdf'), os.path.join(tmp, 'out.pdf')])
        if r.returncode not in (0, 3):
            log.append('qpdf (repack) failed: ' + r.stderr.decode()[:200])
            return None
        # check: the new titles are read, the old ones gone, page by page
        pages = pdf_text_pages(os.path.join(tmp, 'out.pdf'))
        old_pages = pdf_text_pages(src)
        for p, titles in page_titles.items():
            text = ' '.join(pages[p - 1].split()) if p - 1 < len(pages) else ''
            old_text = ' '.join(old_pages[p - 1].split()) if p - 1 < len(old_pages) else ''
            for old, new in titles.items():
                if re.search(r'(?<![A-Za-z-])' + re.escape(old) + r'(?![A-Za-z])', old_text):
                    if re.search(r'(?<![A-Za-z-])' + re.escape(old) + r'(?![A-Za-z])', text):
                        log.append('page %d: old title %r still read' % (p, old))
                        return None
                    if new not in text:
                        log.append('page %d: new title %r not read' % (p, new))
                        return None
        return open(os.path.join(tmp, 'out.pdf'), 'rb').read()
    finally:
        shutil.rmtree(tmp)


# ---------------------------------------------------------------- DOCX
WT_RE = re.compile(r'(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)')


def rewrite_docx(data, titles, rw, log):
    z = zipfile.ZipFile(io.BytesIO(data))
    members = []
    changed = False
    for i in z.infolist():
        b = z.read(i)
        if re.match(r'word/(document|header\d*|footer\d*)\.xml$', i.filename):
            xml = b.decode('utf-8')
            new_xml = rewrite_docx_xml(xml, titles, rw, log)
            if new_xml != xml:
                changed = True
                b = new_xml.encode('utf-8')
        members.append((i, b, i.filename))
    if not changed:
        return None
    return containers.repack_zip(members)


def rewrite_docx_xml(xml, titles, rw, log):
    # a paragraph whose runs together spell a title: put the new one in its first run
    def para(m):
        p = m.group(0)
        texts = [html.unescape(t.group(2)) for t in WT_RE.finditer(p)]
        joined = ''.join(texts).strip()
        if len(texts) > 1 and joined in titles:
            first = [True]

            def put(t):
                if first[0]:
                    first[0] = False
                    return t.group(1) + html.escape(titles[joined], quote=False) + t.group(3)
                return t.group(1) + t.group(3)
            log.append('title %r split across %d runs: joined' % (joined, len(texts)))
            return WT_RE.sub(put, p)
        return WT_RE.sub(lambda t: t.group(1) + html.escape(
            rw.text(html.unescape(t.group(2)), titles), quote=False) + t.group(3), p)
    return re.sub(r'(?s)<w:p[ >].*?</w:p>', para, xml)


# ---------------------------------------------------------------- submission
def is_scanned(entry):
    return bool(entry.get('scanned_pages')) or entry.get('text_layer') is False


def perturb_submission(sub, variant, rng, names, report):
    tpath = os.path.join(sub, 'truth.json')
    truth = json.load(open(tpath))
    password = None
    for c in truth.get('containers') or []:
        if c.get('password'):
            password = c['password']
    rw = Rewriter(variant, random.Random(rng.random()), names)
    # new title per case file and part
    new_titles = {}
    for cf in truth['case_files']:
        new_titles[cf['id']] = {comp: rng.choice(TITLES[variant][comp])
                                for comp in cf['component_titles']}
    cf_by_id = {cf['id']: cf for cf in truth['case_files']}

    def mapping(cf_id):
        cf = cf_by_id[cf_id]
        return {old: new_titles[cf_id][comp] for comp, old in cf['component_titles'].items()}

    plans = {}   # path -> (kind, page_titles or titles)
    renames = {}  # container path of a member -> new leaf name
    path_renames = {}
    for f in truth['files']:
        if f['role'] != 'case_file':
            continue
        if is_scanned(f):
            report['skipped'].append(f['path'] + ' (scanned)')
            continue
        path = f['path']
        if f.get('documents'):
            page_titles = {}
            for d in f['documents']:
                a, b = d['pages']
                for p in range(a, b + 1):
                    page_titles[p] = mapping(d['case_file_id'])
            plans[path] = page_titles
        else:
            cf_id = f.get('case_file_id') or next(
                (cf['id'] for cf in truth['case_files'] if path in cf['files']), None)
            if cf_id is None:
                report['skipped'].append(path + ' (no case file id)')
                continue
            plans[path] = {p: mapping(cf_id) for p in range(1, (f.get('pages') or 1) + 1)}
            comp = f.get('component')
            leaf = re.split(r'::|/', path)[-1]
            if comp:
                old = cf_by_id[cf_id]['component_titles'].get(comp)
                if old and old in leaf:
                    new_leaf = leaf.replace(old, new_titles[cf_id][comp])
                    renames[path] = new_leaf
                    path_renames[path] = path[:len(path) - len(leaf)] + new_leaf
    done = {}

    def fn(path, data):
        if path not in plans:
            return None
        page_titles = plans[path]
        all_titles = {}
        for t in page_titles.values():
            all_titles.update(t)
        log = []
        low = path.lower()
        if low.endswith('.pdf'):
            new = rewrite_pdf(data, page_titles, all_titles, rw, log)
        elif low.endswith('.docx'):
            new = rewrite_docx(data, all_titles, rw, log)
        else:
            log.append('not a PDF or DOCX')
            new = None
        done[path] = (new is not None, log)
        return new

    inbox = os.path.join(sub, 'inbox')
    for name in sorted(os.listdir(inbox)):
        p = os.path.join(inbox, name)
        data = open(p, 'rb').read()
        new = containers.rewrite(data, name, fn, '', password, renames)
        if new is not None:
            os.chmod(p, 0o644)
            open(p, 'wb').write(new)
    # truth: titles of the case files whose documents were all rewritten; new paths
    for cf in truth['case_files']:
        ok = all(done.get(fp, (False,))[0] for fp in
                 [f['path'] for f in truth['files'] if f['role'] == 'case_file' and
                  (fp_in(f, cf))])
        if ok:
            cf['component_titles_original'] = dict(cf['component_titles'])
            cf['component_titles'] = {k: new_titles[cf['id']][k] for k in cf['component_titles']}
        else:
            report['kept_titles'].append(cf['id'])
    truth = replace_strings(truth, path_renames)
    # the rewritten files' new digests and sizes
    import hashlib
    by_path = {f['path']: f for f in truth['files']}
    for name in sorted(os.listdir(inbox)):
        for path, data in containers.walk(open(os.path.join(inbox, name), 'rb').read(), name,
                                          '', password):
            f = by_path.get(path)
            if f is not None and 'sha256' in f:
                f['sha256'] = hashlib.sha256(data).hexdigest()
                f['bytes'] = len(data)
    truth['perturbation'] = {
        'by': 'scripts/bench_devset/perturb.py', 'variant': variant,
        'pseudonym_letters': rw.letters if names else None,
        'style_swap': STYLE_SWAP[variant] if names else None,
        'places': PLACES[variant] if names else None,
        'renamed_files': path_renames,
        'rewritten': {p: ok for p, (ok, _) in done.items()},
        'log': {p: lg for p, (_, lg) in done.items() if lg},
        'counts': rw.counts,
    }
    os.chmod(tpath, 0o644)
    json.dump(truth, open(tpath, 'w'), indent=2, ensure_ascii=False)
    for p, (ok, lg) in done.items():
        if not ok:
            report['failed'].append('%s: %s' % (p, '; '.join(lg)))
    missing = set(plans) - set(done)
    for p in missing:
        report['failed'].append('%s: not found in the inbox' % p)
    report['rewritten'] += sum(1 for ok, _ in done.values() if ok)


def fp_in(f, cf):
    if f.get('documents'):
        return any(d['case_file_id'] == cf['id'] for d in f['documents'])
    return f.get('case_file_id') == cf['id'] or f['path'] in cf['files']


def replace_strings(obj, renames):
    if isinstance(obj, dict):
        return {k: replace_strings(v, renames) for k, v in obj.items()}
    if isinstance(obj, list):
        return [replace_strings(v, renames) for v in obj]
    if isinstance(obj, str) and obj in renames:
        return renames[obj]
    return obj


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('src')
    ap.add_argument('dst')
    ap.add_argument('--variant', choices=['A', 'B', 'C', 'D'], required=True)
    ap.add_argument('--rng', type=int, default=1)
    ap.add_argument('--no-names', action='store_true', help='titles only')
    a = ap.parse_args()
    n = check_titles()
    print('titles checked against %d cues: none holds one' % n)
    src, dst = os.path.realpath(a.src), os.path.realpath(a.dst)
    if dst == src or dst.startswith(src + os.sep) or src.startswith(dst + os.sep):
        sys.exit('perturb.py: DST must be a folder of its own, not SRC or around it')
    marker = os.path.join(dst, '.made-by-perturb')
    if os.path.exists(dst):
        # Only a folder this script made is replaced: a mistyped DST is never deleted.
        if not os.path.exists(marker):
            sys.exit('perturb.py: %s exists and was not made by perturb.py; '
                     'remove it or name another' % a.dst)
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    open(marker, 'w').close()
    for root, dirs, files in os.walk(a.dst):
        os.chmod(root, 0o755)
    rng = random.Random(a.rng)
    report = {'rewritten': 0, 'skipped': [], 'failed': [], 'kept_titles': []}
    for sid in sorted(os.listdir(a.dst)):
        sub = os.path.join(a.dst, sid)
        if not os.path.exists(os.path.join(sub, 'truth.json')):
            if os.path.isfile(sub):
                os.chmod(sub, 0o644)
            continue
        r = {'rewritten': 0, 'skipped': [], 'failed': [], 'kept_titles': []}
        perturb_submission(sub, a.variant, rng, not a.no_names, r)
        print('%s: %d case-file documents rewritten; skipped %s; failed %s; titles kept for %s'
              % (sid, r['rewritten'], r['skipped'] or '-', r['failed'] or '-',
                 r['kept_titles'] or '-'))
        for k in report:
            report[k] += r[k]
    print('total: %d rewritten, %d skipped, %d failed' % (
        report['rewritten'], len(report['skipped']), len(report['failed'])))


if __name__ == '__main__':
    main()
