import { formatVerificationCode } from '@carebase/contracts';
import { formatDay, type PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import { CERTIFICATE_WORDS } from './certificate-words.ts';
import type { VerificationResult } from './verify.service.ts';

const WORDS = {
  en: {
    title: 'Certificate verification',
    valid: 'Valid certificate',
    validNote: (clinic: string) => `This certificate was issued by ${clinic} and has not been revoked.`,
    revoked: 'Not valid',
    revokedNote: 'This certificate was revoked by the clinic and no longer certifies anything.',
    notFound: 'Certificate not found',
    notFoundNote:
      'No certificate has this code. Check that it was typed exactly as printed on the certificate.',
    enter: 'Enter the verification code printed on the certificate.',
    type: 'Type',
    issued: 'Issue date',
    patient: 'Patient (initials)',
    code: 'Code',
    privacy: "To protect the patient's privacy, only these facts are shown.",
    another: 'Check a code',
    button: 'Verify',
  },
  es: {
    title: 'Verificación de certificado',
    valid: 'Certificado válido',
    validNote: (clinic: string) => `Este certificado fue emitido por ${clinic} y no ha sido revocado.`,
    revoked: 'No válido',
    revokedNote: 'La clínica revocó este certificado; ya no certifica nada.',
    notFound: 'Certificado no encontrado',
    notFoundNote: 'Ningún certificado tiene este código. Compruebe que lo escribió tal como aparece impreso.',
    enter: 'Ingrese el código de verificación impreso en el certificado.',
    type: 'Tipo',
    issued: 'Fecha de emisión',
    patient: 'Paciente (iniciales)',
    code: 'Código',
    privacy: 'Para proteger la privacidad del paciente, solo se muestran estos datos.',
    another: 'Verificar un código',
    button: 'Verificar',
  },
} as const;

/** `?lang=` wins, then the browser's preferred language among en and es, else English. */
export function pickLanguage(queryLang: string | undefined, acceptLanguage: string | undefined): PdfLanguage {
  if (queryLang === 'en' || queryLang === 'es') return queryLang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const l of ranked) if (l.lang === 'en' || l.lang === 'es') return l.lang;
  return 'en';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f3f6f8;color:#1f2933}
header{background:#0f5f73;color:#fff;padding:18px 24px}header h1{margin:0;font-size:20px;font-weight:600}header p{margin:2px 0 0;opacity:.85;font-size:14px}
main{max-width:560px;margin:32px auto;padding:0 16px}.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:24px}
.status{display:flex;align-items:center;gap:12px;margin:0 0 6px;font-size:22px}.mark{display:inline-flex;width:36px;height:36px;border-radius:50%;align-items:center;justify-content:center;color:#fff;font-weight:700}
.ok .mark{background:#2e8b57}.bad .mark{background:#b02a2a}.none .mark{background:#8a939c}.note{color:#52606d;margin:0 0 18px}
dl{display:grid;grid-template-columns:auto 1fr;gap:8px 18px;margin:0}dt{color:#6b7280;font-size:14px}dd{margin:0;font-weight:600}
.privacy{font-size:13px;color:#6b7280;margin-top:18px}form{margin-top:22px;display:flex;gap:8px;flex-wrap:wrap}
label{width:100%;font-size:14px;color:#52606d}input{flex:1;min-width:180px;padding:9px 10px;border:1px solid #c7d0d8;border-radius:6px;font:inherit;text-transform:uppercase;letter-spacing:.08em}
button{padding:9px 16px;border:0;border-radius:6px;background:#0f5f73;color:#fff;font:inherit;cursor:pointer}nav{margin-top:16px;font-size:13px}nav a{color:#0f5f73;margin-right:10px}`;

/** The public verify page: self-contained HTML, no scripts, inline styles only. */
export function renderVerifyPage(opts: {
  lang: PdfLanguage;
  clinicName: string;
  /** undefined: the landing page with only the form. */
  result?: VerificationResult;
  path: string;
}): string {
  const w = WORDS[opts.lang];
  const r = opts.result;
  let body: string;
  if (!r) {
    body = `<p class="note">${escapeHtml(w.enter)}</p>`;
  } else if (!r.found) {
    body = `<h2 class="status none"><span class="mark" aria-hidden="true">?</span>${escapeHtml(w.notFound)}</h2>
<p class="note">${escapeHtml(w.notFoundNote)}</p>`;
  } else {
    const f = r.facts;
    const good = f.valid;
    body = `<h2 class="status ${good ? 'ok' : 'bad'}"><span class="mark" aria-hidden="true">${good ? '&#10003;' : '&#10007;'}</span>${escapeHtml(good ? w.valid : w.revoked)}</h2>
<p class="note">${escapeHtml(good ? w.validNote(f.clinicName) : w.revokedNote)}</p>
<dl>
<dt>${escapeHtml(w.type)}</dt><dd>${escapeHtml(CERTIFICATE_WORDS[opts.lang].types[f.type])}</dd>
<dt>${escapeHtml(w.issued)}</dt><dd>${escapeHtml(formatDay(new Date(f.issuedAt), r.timeZone, opts.lang))}</dd>
<dt>${escapeHtml(w.patient)}</dt><dd>${escapeHtml(f.patientInitials)}</dd>
<dt>${escapeHtml(w.code)}</dt><dd>${escapeHtml(formatVerificationCode(r.code))}</dd>
</dl>
<p class="privacy">${escapeHtml(w.privacy)}</p>`;
  }
  const other = opts.lang === 'en' ? 'es' : 'en';
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(w.title)} · ${escapeHtml(opts.clinicName)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(opts.clinicName)}</h1><p>${escapeHtml(w.title)}</p></header>
<main><div class="card">
${body}
<form method="get" action="/verify">
<label for="code">${escapeHtml(w.another)}</label>
<input id="code" name="code" autocomplete="off" maxlength="14" placeholder="ABCD-EFGH-JK" required>
<input type="hidden" name="lang" value="${opts.lang}">
<button type="submit">${escapeHtml(w.button)}</button>
</form>
<nav><a href="${escapeHtml(opts.path)}?lang=${other}">${other === 'es' ? 'Español' : 'English'}</a></nav>
</div></main>
</body>
</html>`;
}
