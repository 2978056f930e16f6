import { Spin } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation, useSearchParams, type RouteObject } from 'react-router-dom';
import { homePath, isResident, isStaff, useAuth } from './auth';
import { NoAccess, NotFoundResult } from './components/Results';
import { PageSkeleton } from './components/PageSkeleton';
import { ResidentLayout } from './layout/ResidentLayout';
import { StaffLayout } from './layout/StaffLayout';
import { registry, type RegisteredRoute } from './navigation';
import { RouteErrorPage } from './pages/ErrorPages';
import { LoginPage } from './pages/LoginPage';

function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Renders its children for a logged-in account of the right kind; otherwise sends it where it belongs. */
function RequireAccount({ kind, children }: { kind: 'staff' | 'resident'; children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'anonymous') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const { me } = state;
  if (kind === 'staff' && !isStaff(me) && isResident(me)) return <Navigate to="/m" replace />;
  if (kind === 'resident' && !isResident(me)) return <Navigate to="/" replace />;
  return children;
}

function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <NoAccess />;
}

/** The login page; once logged in, on to `?next=` (a local path only) or the account's home. */
function AnonymousOnly({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const [params] = useSearchParams();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'authenticated') {
    const next = params.get('next');
    const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
    return <Navigate to={safe ?? homePath(state.me)} replace />;
  }
  return children;
}

function toRoute(r: RegisteredRoute): RouteObject {
  const element = (
    <RequirePermission permission={r.permission}>
      <Suspense fallback={<PageSkeleton />}>
        <r.Component />
      </Suspense>
    </RequirePermission>
  );
  return r.path === '' ? { index: true, element } : { path: r.path, element };
}

/** Built once at start-up, after src/web/modules has registered every module. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteErrorPage />,
      children: [
        { path: '/login', element: <AnonymousOnly><LoginPage /></AnonymousOnly> },
        {
          path: '/m',
          element: <RequireAccount kind="resident"><ResidentLayout /></RequireAccount>,
          errorElement: <RouteErrorPage />,
          children: [...registry.residentRoutes().map(toRoute), { path: '*', element: <NotFoundResult home="/m" /> }],
        },
        {
          path: '/',
          element: <RequireAccount kind="staff"><StaffLayout /></RequireAccount>,
          errorElement: <RouteErrorPage />,
          children: [...registry.staffRoutes().map(toRoute), { path: '*', element: <NotFoundResult /> }],
        },
      ],
    },
  ]);
}
