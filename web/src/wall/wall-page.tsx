import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { WallView } from '@contracts';
import { LoadError } from '../components/load-error.tsx';
import { useLiveWall, useWall } from './api.ts';
import { VolumeChart } from './volume-chart.tsx';
import './wall.css';

/**
 * Mission control on a big display: volume and sentiment, open incidents, SLA at risk, the most
 * influential people talking now, queue sizes per team. Live through the event stream, refreshed
 * every 15 s anyway. No console chrome; `?kiosk=1` also hides the two buttons.
 */
export const WallPage = () => {
  const [params] = useSearchParams();
  const kiosk = params.get('kiosk') === '1';
  const wall = useWall();
  useLiveWall();
  const now = useNow();
  useEffect(() => {
    document.title = 'Wall · Lookout';
  }, []);
  const live = typeof document !== 'undefined' ? (document.documentElement.dataset.live ?? 'connecting') : 'connecting';
  return (
    <main className="wall" data-wall="">
      <header className="wall-top">
        <h1 tabIndex={-1} data-route-heading="">
          Mission-control wall
        </h1>
        {wall.data?.drill && (
          <span className="wall-drill" role="status" data-wall-drill="">
            DRILL RUNNING · {wall.data.drill.scenarioName}
          </span>
        )}
        <span className="wall-live" data-state={live}>
          {live === 'open' ? 'Live' : live === 'down' ? 'Reconnecting…' : 'Connecting…'}
        </span>
        <span className="wall-clock" aria-label="Time now">
          {now.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
        </span>
        {!kiosk && (
          <>
            <button type="button" className="wall-button" onClick={() => void document.documentElement.requestFullscreen?.()}>
              Full screen
            </button>
            <Link className="wall-button" to="/">
              Back to console
            </Link>
          </>
        )}
      </header>
      {wall.isError && !wall.data ? <LoadError error={wall.error} onRetry={() => void wall.refetch()} /> : wall.data ? <WallBody w={wall.data} /> : <p className="wall-empty">Loading…</p>}
    </main>
  );
};

const useNow = () => {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(t);
  }, []);
  return now;
};

const compact = (n: number) => new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
const hm = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const severityClass = (s: number) => (s >= 7 ? 'high' : s >= 4 ? 'mid' : 'low');
const ago = (iso: string, now: number) => {
  const m = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  return m < 1 ? 'just now' : m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
};

const WallBody = ({ w }: { w: WallView }) => {
  const now = new Date(w.generatedAt).getTime();
  const negPct = Math.round(w.lastHour.negativeShare * 100);
  return (
    <>
      <section className="wall-kpis" aria-label="Now">
        <div className="wall-kpi" data-kpi="mentions">
          <div className="label">Mentions · last hour</div>
          <div className="value">{compact(w.lastHour.total)}</div>
        </div>
        <div className={`wall-kpi ${negPct >= 40 ? 'alarm' : ''}`} data-kpi="negative">
          <div className="label">Negative</div>
          <div className="value">{negPct}%</div>
        </div>
        <div className={`wall-kpi ${w.incidents.length ? 'alarm' : 'ok'}`} data-kpi="incidents">
          <div className="label">Open incidents</div>
          <div className="value">{w.incidents.length}</div>
        </div>
        <div className={`wall-kpi ${w.sla.atRisk ? 'alarm' : 'ok'}`} data-kpi="sla-at-risk">
          <div className="label">SLA at risk</div>
          <div className="value">{w.sla.atRisk}</div>
        </div>
        <div className={`wall-kpi ${w.sla.breached ? 'alarm' : 'ok'}`} data-kpi="sla-breached">
          <div className="label">SLA breached</div>
          <div className="value">{w.sla.breached}</div>
        </div>
      </section>

      <section className="wall-main">
        <div className="wall-panel">
          <h2>Volume and sentiment · per minute, last hour</h2>
          <VolumeChart buckets={w.perMinute} label="Mentions per minute over the last hour" tick={hm} width={1300} height={240} />
          <div className="wall-legend" aria-hidden="true">
            <span style={{ ['--c' as string]: '#ff6b6b' }}>negative</span>
            <span style={{ ['--c' as string]: '#a5b4cf' }}>neutral</span>
            <span style={{ ['--c' as string]: '#51cf66' }}>positive</span>
            <span style={{ ['--c' as string]: '#f08c00' }}>drill</span>
          </div>
          <h2 style={{ marginTop: 14 }}>Per hour, last 24 hours</h2>
          <VolumeChart buckets={w.perHour} label="Mentions per hour over the last day" tick={(d) => d.toLocaleTimeString(undefined, { hour: '2-digit' })} width={1300} height={130} />
        </div>
        <div className="wall-panel" data-wall-incidents="">
          <h2>Open incidents</h2>
          {w.incidents.length === 0 ? (
            <p className="wall-empty">None open.</p>
          ) : (
            <ul className="wall-list">
              {w.incidents.slice(0, 6).map((i) => (
                <li key={i.id}>
                  <span className={`wall-sev ${severityClass(i.severity)}`} aria-label={`Severity ${i.severity} of 10`}>
                    {i.severity}
                  </span>
                  <div className="wall-who">
                    <div className="wall-title">
                      {i.isDrill && <span className="wall-tag-drill">DRILL</span>}
                      {i.title}
                    </div>
                    <div className="wall-sub">
                      {i.status} · {i.mentionCount} mentions · reach {compact(i.reach)} · {ago(i.detectedAt, now)}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section className="wall-bottom">
        <div className="wall-panel" data-wall-influencers="">
          <h2>Most influential people talking now</h2>
          {w.influencers.length === 0 ? (
            <p className="wall-empty">Nobody in the last hour.</p>
          ) : (
            <ul className="wall-list">
              {w.influencers.slice(0, 4).map((p) => (
                <li key={`${p.channelKind}:${p.handle}`}>
                  <span className="wall-followers" aria-label={`${p.followers} followers`}>
                    {compact(p.followers)}
                  </span>
                  <div className="wall-who">
                    <div className="wall-title" style={{ fontSize: 22 }}>
                      {p.isDrill && <span className="wall-tag-drill">DRILL</span>}
                      {p.displayName ?? p.handle} <span className="wall-sub">@{p.handle}{p.verified ? ' ✓' : ''} · {p.channelKind}</span>
                    </div>
                    <div className="wall-text" style={{ color: p.sentiment === 'negative' ? '#ffa8a8' : undefined }}>
                      {p.text}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="wall-panel" data-wall-sla="">
          <h2>SLA at risk</h2>
          {w.sla.top.length === 0 ? (
            <p className="wall-empty">Nothing due in the next 30 minutes.</p>
          ) : (
            <ul className="wall-list">
              {w.sla.top.map((c) => {
                const late = new Date(c.dueAt).getTime() <= now;
                return (
                  <li key={c.conversationId}>
                    <div className="wall-who">
                      <div className="wall-title" style={{ fontSize: 22 }}>
                        {c.isDrill && <span className="wall-tag-drill">DRILL</span>}
                        {c.subject ?? 'Conversation'}
                      </div>
                      <div className="wall-sub" style={{ color: late ? '#ff8787' : undefined }}>
                        {late ? `overdue since ${hm(new Date(c.dueAt))}` : `due ${hm(new Date(c.dueAt))}`} · priority {c.priority}
                      </div>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="wall-panel" data-wall-queues="">
          <h2>Queues per team</h2>
          {w.queues.length === 0 ? (
            <p className="wall-empty">Every queue is empty.</p>
          ) : (
            <ul className="wall-list">
              {w.queues.slice(0, 6).map((q) => (
                <li key={q.teamId ?? 'none'}>
                  <div className="wall-who">
                    <div className="wall-title">{q.team}</div>
                    <div className="wall-sub">{q.unassigned} unassigned</div>
                  </div>
                  <span className="wall-count">{q.open}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </>
  );
};
