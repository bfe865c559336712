import nodemailer from 'nodemailer';

/** A file sent with an email (a receipt, an invoice). */
export type EmailAttachment = { filename: string; contentType: string; content: Buffer };
export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: EmailAttachment[] | undefined;
};
export type SmsMessage = { to: string; body: string };

export type SmtpSettings = {
  url?: string | undefined;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password?: string | undefined;
  from: string;
};
export type SmsSettings = {
  provider: 'none' | 'http';
  url: string;
  sender: string;
  apiKey?: string | undefined;
};

/** Where outgoing messages go now; a channel with no transport keeps its messages held in the outbox. */
export type TransportSettings = { smtp: SmtpSettings | null; sms: SmsSettings | null };

export async function sendEmail(smtp: SmtpSettings, msg: EmailMessage): Promise<void> {
  const transport = smtp.url
    ? nodemailer.createTransport(smtp.url)
    : nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      attachments: msg.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    });
  } finally {
    transport.close();
  }
}

/** A generic SMS gateway: JSON POST of {to, from, body} with a bearer key. */
export async function sendSms(sms: SmsSettings, msg: SmsMessage): Promise<void> {
  const res = await fetch(sms.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(sms.apiKey ? { authorization: `Bearer ${sms.apiKey}` } : {}),
    },
    body: JSON.stringify({ to: msg.to, from: sms.sender, body: msg.body }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
}
