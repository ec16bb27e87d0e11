import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../test/renderApp';
import { Link } from './Link';
import { navigate, useLocation } from './router';

function WhereAmI() {
  const { pathname, search } = useLocation();
  return <p data-testid="where">{`${pathname}${search}`}</p>;
}

describe('router', () => {
  it('navigates with replaceState: in-app navigation adds no history entries', () => {
    const replace = vi.spyOn(window.history, 'replaceState');
    const push = vi.spyOn(window.history, 'pushState');
    const lengthBefore = window.history.length;
    render(<WhereAmI />);

    act(() => navigate('/signup'));
    act(() => navigate('/home'));
    act(() => navigate('/admin/accounts?page=2'));

    expect(screen.getByTestId('where').textContent).toBe('/admin/accounts?page=2');
    expect(window.location.pathname).toBe('/admin/accounts');
    expect(window.history.length).toBe(lengthBefore);
    expect(push).not.toHaveBeenCalled();
    expect(replace).toHaveBeenCalledTimes(3);
  });

  it('follows popstate (the browser changing the URL)', () => {
    render(<WhereAmI />);
    act(() => {
      window.history.pushState(null, '', '/login?error=locked');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByTestId('where').textContent).toBe('/login?error=locked');
  });

  it('refuses to navigate to another origin', () => {
    expect(() => navigate('https://example.org/')).toThrow(/in-app/);
  });

  it('Link is a real link that navigates in place, but leaves new-tab clicks to the browser', () => {
    const lengthBefore = window.history.length;
    render(
      <>
        <Link to="/signup">to signup</Link>
        <WhereAmI />
      </>,
    );
    const link = screen.getByRole('link', { name: 'to signup' });
    expect(link.getAttribute('href')).toBe('/signup');

    // Ctrl+click: not intercepted. (Record that, then stop jsdom from following the link.)
    let preventedByLink: boolean | null = null;
    const observe = (event: MouseEvent) => {
      preventedByLink = event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener('click', observe);
    fireEvent.click(link, { ctrlKey: true });
    window.removeEventListener('click', observe);
    expect(preventedByLink).toBe(false);
    expect(screen.getByTestId('where').textContent).toBe('/');

    expect(fireEvent.click(link)).toBe(false);
    expect(screen.getByTestId('where').textContent).toBe('/signup');
    expect(window.history.length).toBe(lengthBefore);
  });

  it('moving through the app by links keeps the app at one history entry', async () => {
    const lengthBefore = window.history.length;
    renderApp({ path: '/' });

    fireEvent.click(await screen.findByRole('link', { name: 'Account aanmaken' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Maak je account' })).toBeTruthy();
    expect(window.location.pathname).toBe('/signup');
    // Focus goes to <main>, as on a page load.
    expect(document.activeElement?.id).toBe('main-content');

    fireEvent.click(screen.getByRole('link', { name: 'Terug naar de startpagina' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welkom bij Cocon' })).toBeTruthy();
    expect(window.location.pathname).toBe('/');
    expect(window.history.length).toBe(lengthBefore);
  });
});
