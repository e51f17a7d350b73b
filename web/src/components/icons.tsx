import type { SVGProps } from 'react';

/** Line icons drawn in the Tabler style (24×24, 2px stroke); decorative, so hidden from screen readers. */
const Icon = ({ paths, size = 18, ...rest }: { paths: string[]; size?: number } & SVGProps<SVGSVGElement>) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
    {paths.map((d) => (
      <path key={d} d={d} />
    ))}
  </svg>
);

type P = { size?: number };
export const InboxIcon = (p: P) => <Icon {...p} paths={['M4 6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z', 'M4 13h3l3 3h4l3-3h3']} />;
export const CustomersIcon = (p: P) => <Icon {...p} paths={['M9 7m-4 0a4 4 0 1 0 8 0a4 4 0 1 0-8 0', 'M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2', 'M16 3.13a4 4 0 0 1 0 7.75', 'M21 21v-2a4 4 0 0 0-3-3.85']} />;
export const IncidentIcon = (p: P) => <Icon {...p} paths={['M12 9v4', 'M10.36 3.6L2.25 17.6a1.9 1.9 0 0 0 1.64 2.85h16.22a1.9 1.9 0 0 0 1.64-2.85L13.64 3.6a1.9 1.9 0 0 0-3.28 0z', 'M12 16h.01']} />;
export const WallIcon = (p: P) => <Icon {...p} paths={['M3 5a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z', 'M7 20h10', 'M9 16v4', 'M15 16v4']} />;
export const ReportsIcon = (p: P) => <Icon {...p} paths={['M3 3v18h18', 'M20 18v3', 'M16 16v5', 'M12 13v8', 'M8 16v5', 'M3 11c6 0 5-5 9-5s4 3 7 3']} />;
export const SettingsIcon = (p: P) => (
  <Icon
    {...p}
    paths={[
      'M10.33 4.32c.43-1.76 2.93-1.76 3.35 0a1.72 1.72 0 0 0 2.57 1.07c1.54-.94 3.3.83 2.37 2.37a1.72 1.72 0 0 0 1.06 2.57c1.76.43 1.76 2.93 0 3.35a1.72 1.72 0 0 0-1.07 2.57c.94 1.54-.83 3.3-2.37 2.37a1.72 1.72 0 0 0-2.57 1.06c-.43 1.76-2.93 1.76-3.35 0a1.72 1.72 0 0 0-2.57-1.07c-1.54.94-3.3-.83-2.37-2.37a1.72 1.72 0 0 0-1.06-2.57c-1.76-.43-1.76-2.93 0-3.35a1.72 1.72 0 0 0 1.07-2.57c-.94-1.54.83-3.3 2.37-2.37 1 .61 2.3.07 2.57-1.06z',
      'M9 12a3 3 0 1 0 6 0a3 3 0 0 0-6 0',
    ]}
  />
);
export const LogoMark = ({ size = 26 }: P) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="7" fill="var(--mantine-color-indigo-8)" />
    <circle cx="16" cy="16" r="8" fill="none" stroke="#fff" strokeWidth="3" />
    <circle cx="16" cy="16" r="3" fill="#fff" />
  </svg>
);
export const PlusIcon = (p: P) => <Icon {...p} paths={['M12 5v14', 'M5 12h14']} />;
export const OfflineIcon = (p: P) => <Icon {...p} paths={['M12 18h.01', 'M9.17 15.17a4 4 0 0 1 5.66 0', 'M6.34 12.34a8 8 0 0 1 4.2-2.2', 'M3.51 9.51a12 12 0 0 1 3.9-2.6', 'M3 3l18 18']} />;
/** A shield with a check: replies held for a supervisor's approval. */
export const ApprovalsIcon = (p: P) => <Icon {...p} paths={['M12 3a12 12 0 0 0 8.5 3a12 12 0 0 1-8.5 15a12 12 0 0 1-8.5-15a12 12 0 0 0 8.5-3', 'M9 12l2 2l4-4']} />;
export const LockIcon = (p: P) => <Icon {...p} paths={['M5 13a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2z', 'M8 11V7a4 4 0 1 1 8 0v4']} />;
export const ChevronDownIcon = (p: P) => <Icon {...p} paths={['M6 9l6 6l6-6']} />;
