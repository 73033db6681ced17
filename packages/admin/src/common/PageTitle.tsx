import { Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

/** The page's one h1; sets the tab title and takes focus on arrival so screen readers announce the new page. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Chorus`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <Title order={1} size="h2" mb="md" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
      {children}
    </Title>
  );
}
