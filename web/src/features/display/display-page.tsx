import type { DisplayState } from '@carebase/contracts';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { currentLanguage, i18n, isLanguage } from '../../app/i18n/i18n.ts';
import { localDepartment } from '../../lib/reference-names.ts';
import { createChime } from './chime.ts';
import { connectDisplay, type DisplayStatus, newlyCalled } from './display-connection.ts';
import './display.css';

/** Calls listed under the newest one (newest first): as many as fit in large type on a 16:9 screen. */
const EARLIER_ON_SCREEN = 5;

/**
 * The public waiting-room screen at /display/:department?token=…&lang=es: "now serving" per room (the newest
 * call largest) and the next numbers, pushed over a socket. No sign-in, no app shell, never a patient's name.
 * Without lang it speaks the clinic's default language.
 */
export function DisplayPage() {
  const { department = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const requested = params.get('lang');
  const [state, setState] = useState<DisplayState | null>(null);
  // The link's language, else the clinic's default (known with the first state), else this device's.
  const lang = isLanguage(requested) ? requested : (state?.language ?? currentLanguage());
  const t = useMemo(() => i18n.getFixedT(lang), [lang]);

  const [status, setStatus] = useState<DisplayStatus>('connecting');
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [chimeOn, setChimeOn] = useState(false);
  const chimeOnRef = useRef(chimeOn);
  chimeOnRef.current = chimeOn;
  const chime = useMemo(() => createChime(), []);
  const previous = useRef<DisplayState | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    document.title = state
      ? `${t('display.nowServing')} · ${localDepartment(state.department, t).name}`
      : t('display.nowServing');
  }, [state, t]);

  useEffect(() => {
    if (!token) return;
    const stop = connectDisplay({
      department,
      token,
      onStatus: setStatus,
      onState: (next) => {
        const called = newlyCalled(previous.current, next);
        previous.current = next;
        setState(next);
        if (called.length > 0) {
          setFresh(new Set(called));
          if (chimeOnRef.current) chime.play();
        }
      },
    });
    return () => {
      stop();
      chime.close();
    };
  }, [department, token, chime]);

  if (!token || status === 'invalid') {
    return (
      <main className="display-screen">
        <p className="display-message" role="alert">
          {token ? t('display.invalidLink') : t('display.missingToken')}
        </p>
      </main>
    );
  }

  const calls = state?.nowServing ?? [];
  // The newest call is the one people look for; the others stay listed beneath it.
  const latest = calls.reduce<(typeof calls)[number] | undefined>(
    (newest, c) => (!newest || c.calledAt > newest.calledAt ? c : newest),
    undefined,
  );
  const earlier = calls.filter((c) => c !== latest).slice(0, EARLIER_ON_SCREEN);
  const departmentName = state ? localDepartment(state.department, t).name : t('display.nowServing');

  return (
    <main className="display-screen">
      <header className="display-header">
        <h1 className="display-title">{departmentName}</h1>
        <div className="display-tools">
          {status !== 'live' ? (
            <span className="display-status" role="status">
              {status === 'connecting' ? t('display.connecting') : t('display.reconnecting')}
            </span>
          ) : null}
          <label className="display-chime">
            <input
              type="checkbox"
              checked={chimeOn}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setChimeOn(on);
                // Playing once on the click also unlocks audio, which browsers allow only after a gesture.
                if (on) chime.play();
              }}
            />
            {t('display.chime')}
          </label>
        </div>
      </header>
      <div className="display-body">
        <section className="display-panel display-serving" aria-labelledby="display-serving">
          <h2 className="display-heading" id="display-serving">
            {t('display.nowServing')}
          </h2>
          {latest ? (
            <div aria-live="polite">
              <CallLine
                call={latest}
                className={`display-latest${fresh.has(latest.ticket) ? ' display-fresh' : ''}`}
                t={t}
              />
              {earlier.length > 0 ? (
                <ul
                  className={`display-calls plain-list${earlier.length > 3 ? ' display-calls-compact' : ''}`}
                  aria-label={t('display.earlierCalls')}
                >
                  {earlier.map((c) => (
                    <li key={`${c.ticket}@${c.calledAt}`}>
                      <CallLine
                        call={c}
                        className={fresh.has(c.ticket) ? 'display-fresh' : undefined}
                        t={t}
                      />
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : (
            <p className="display-muted">{t('display.noneServing')}</p>
          )}
        </section>
        <section className="display-panel" aria-labelledby="display-next">
          <h2 className="display-heading" id="display-next">
            {t('display.next')}
          </h2>
          {state && state.next.length > 0 ? (
            <ol className="display-next plain-list">
              {state.next.map((ticket) => (
                <li key={ticket}>{ticket}</li>
              ))}
            </ol>
          ) : (
            <p className="display-muted">{t('display.noneWaiting')}</p>
          )}
        </section>
      </div>
    </main>
  );
}

/** One called ticket and where to go, on one line: A-012 → Consulting room 1. */
function CallLine({
  call,
  className,
  t,
}: {
  call: DisplayState['nowServing'][number];
  className: string | undefined;
  t: TFunction;
}) {
  return (
    <div className={`display-call${className ? ` ${className}` : ''}`}>
      <span className="display-ticket">
        <span className="visually-hidden">{t('display.ticket')} </span>
        {call.ticket}
      </span>
      {call.room ? (
        <span className="display-room" title={call.room}>
          <span className="display-arrow" aria-hidden="true">
            →
          </span>
          <span className="visually-hidden">{t('display.room')} </span>
          {call.room}
        </span>
      ) : null}
    </div>
  );
}
