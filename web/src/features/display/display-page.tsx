import type { DisplayState } from '@carebase/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { i18n, isLanguage } from '../../app/i18n/i18n.ts';
import { createChime } from './chime.ts';
import { connectDisplay, type DisplayStatus, newlyCalled } from './display-connection.ts';
import './display.css';

/**
 * The public waiting-room screen at /display/:department?token=…&lang=es: "now serving" per room and the next
 * numbers, pushed over a socket. No sign-in, no app shell, never a patient's name.
 */
export function DisplayPage() {
  const { department = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const requested = params.get('lang');
  const lang = isLanguage(requested) ? requested : 'en';
  const t = useMemo(() => i18n.getFixedT(lang), [lang]);

  const [state, setState] = useState<DisplayState | null>(null);
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
      ? `${t('display.nowServing')} · ${state.department.name}`
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

  return (
    <main className="display-screen">
      <header className="display-header">
        <h1 className="display-title">{state?.department.name ?? t('display.nowServing')}</h1>
        <div className="display-header">
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
        <section className="display-panel" aria-labelledby="display-serving">
          <h2 className="display-heading" id="display-serving">
            {t('display.nowServing')}
          </h2>
          {state && state.nowServing.length > 0 ? (
            <ul className="display-serving plain-list" aria-live="polite">
              {state.nowServing.map((s) => (
                <li
                  key={`${s.ticket}@${s.calledAt}`}
                  className={fresh.has(s.ticket) ? 'display-fresh' : undefined}
                >
                  <span className="display-ticket">
                    <span className="visually-hidden">{t('display.ticket')} </span>
                    {s.ticket}
                  </span>
                  {s.room ? (
                    <span className="display-room">
                      <span className="visually-hidden">{t('display.room')} </span>
                      {s.room}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
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
