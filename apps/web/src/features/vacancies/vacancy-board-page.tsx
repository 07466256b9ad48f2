import type { VacancySubscription } from '@akiwa/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VacancyCalendarScope, VacancySearchScope } from '../../api/query-keys';
import { ErrorAlert } from '../../components/alerts';
import { Pagination } from '../../components/pagination';
import { useApiError } from '../../hooks/use-api-error';
import { useGeography } from '../../hooks/use-geography';
import { useVacancyLive } from '../../hooks/use-vacancy-live';
import { useVacancySearch } from '../../hooks/use-vacancy-search';
import { useVacancyCalendar } from '../../hooks/use-vacancy-calendar';
import { isCalendarDate, serviceNight } from '../../lib/dates';
import { usePageTitle } from '../../lib/use-page-title';
import { useSocket } from '../../lib/socket/use-socket';
import { useMunicipalityIndex } from '../admin/use-municipality-index';
import { useSessionUser } from '../auth/session-store';
import { BoardFiltersForm, type BoardFilters } from './board-filters';
import { BoardRow } from './board-row';
import { CalendarLegend, VacancyCalendarTable } from './vacancy-calendar';
import { Role } from '@akiwa/contracts';

const PAGE_SIZE = 20;
/** Units down the calendar per page. */
const CALENDAR_PAGE_SIZE = 100;

type BoardView = 'list' | 'calendar';

function initialFilters(today: string): BoardFilters {
  return {
    prefectureCode: null,
    regionId: null,
    municipalityCode: null,
    from: today,
    nights: 1,
    category: null,
    child: false,
    supportLevel: null,
    needs: [],
    gender: null,
    serviceType: null,
    emergencyOk: false,
    trialOk: false,
  };
}

/** 空き状況ボード: the coordinator's live view across municipality, region and prefecture. */
export function VacancyBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('board.title'));
  const user = useSessionUser();
  const apiError = useApiError();
  const geography = useGeography();
  const index = useMunicipalityIndex(geography.data);
  const { state: connection } = useSocket();
  const today = serviceNight(new Date());
  const [filters, setFilters] = useState<BoardFilters>(() => initialFilters(today));
  const [offset, setOffset] = useState(0);
  const [areaTouched, setAreaTouched] = useState(false);
  const [view, setView] = useState<BoardView>('list');
  const [days, setDays] = useState(14);

  // Start from the coordinator's own municipality, its region and prefecture (nearest first).
  useEffect(() => {
    if (areaTouched || !geography.data || filters.prefectureCode) return;
    const home = user.organisation.municipalityCode ? index.byCode.get(user.organisation.municipalityCode) : undefined;
    const prefectureCode = home?.prefectureCode ?? geography.data.prefectures[0]?.code ?? null;
    setFilters((f) => ({ ...f, prefectureCode, regionId: home?.regionId ?? null, municipalityCode: home?.code ?? null }));
  }, [areaTouched, geography.data, index, filters.prefectureCode, user.organisation.municipalityCode]);

  const fromValid = isCalendarDate(filters.from) && filters.from >= today;
  const scope: VacancySearchScope | null = useMemo(
    () => (filters.prefectureCode && fromValid ? { ...filters, limit: PAGE_SIZE, offset } : null),
    [filters, fromValid, offset],
  );
  // The search is bounded by the prefecture (the nearest come first), so the board follows the
  // prefecture's room; the API takes exactly one area level per socket.
  const area: VacancySubscription | null = useMemo(
    () => (filters.prefectureCode ? { prefectureCode: filters.prefectureCode } : null),
    [filters.prefectureCode],
  );

  const calendarScope: VacancyCalendarScope | null = useMemo(() => {
    if (!filters.prefectureCode || !fromValid) return null;
    const { nights: _nights, ...rest } = filters;
    return { ...rest, days, limit: CALENDAR_PAGE_SIZE, offset };
  }, [filters, fromValid, days, offset]);

  const search = useVacancySearch(view === 'list' ? scope : null);
  const calendar = useVacancyCalendar(view === 'calendar' ? calendarScope : null);
  const live = useVacancyLive(area);

  const onChange = (next: BoardFilters) => {
    if (
      next.prefectureCode !== filters.prefectureCode ||
      next.regionId !== filters.regionId ||
      next.municipalityCode !== filters.municipalityCode
    ) {
      setAreaTouched(true);
    }
    setFilters(next);
    setOffset(0);
  };

  const liveOn = connection === 'connected' && live.subscription === 'subscribed';
  const page = view === 'list' ? search.data : undefined;
  const grid = view === 'calendar' ? calendar.data : undefined;
  const active = view === 'list' ? search : calendar;
  const choose = (next: BoardView) => {
    setView(next);
    setOffset(0);
  };

  return (
    <section className="page board" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('board.title')}</h1>
        <p className="page-lead">{t('board.lead')}</p>
      </header>
      {geography.error ? <ErrorAlert>{apiError.message(geography.error)}</ErrorAlert> : null}
      <BoardFiltersForm
        filters={filters}
        onChange={onChange}
        geography={geography.data}
        today={today}
        fromError={fromValid ? undefined : t('range.required.from')}
      />
      <div className="board-view" role="group" aria-label={t('calendar.view')}>
        <div className="segmented">
          {(['list', 'calendar'] as const).map((v) => (
            <button key={v} type="button" className={`button ${view === v ? "button--primary" : "button--secondary"}`} aria-pressed={view === v} onClick={() => choose(v)}>
              {t(v === 'list' ? 'calendar.list' : 'calendar.grid')}
            </button>
          ))}
        </div>
        {view === 'calendar' ? (
          <div className="segmented" role="group" aria-label={t('calendar.days')}>
            {[14, 31].map((d) => (
              <button key={d} type="button" className={`button ${days === d ? "button--primary" : "button--secondary"}`} aria-pressed={days === d} onClick={() => setDays(d)}>
                {t(d === 14 ? 'calendar.twoWeeks' : 'calendar.month')}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <section className="board-results" aria-labelledby="results-title" aria-busy={active.isFetching}>
        <div className="board-results-header">
          <h2 id="results-title">
            {t('board.results')}
            {page ? <span className="board-count">{t(page.totalIsLowerBound ? 'board.resultCountAtLeast' : 'board.resultCount', { count: page.total })}</span> : null}
            {grid ? <span className="board-count">{t('board.resultCount', { count: grid.total })}</span> : null}
          </h2>
          <p className={`live-indicator live-indicator--${liveOn ? 'on' : 'off'}`} role="status" data-testid="live-indicator" data-live={liveOn}>
            <span className="connection-dot" aria-hidden="true" />
            {liveOn ? t('board.liveOn') : t('board.liveOff')}
          </p>
        </div>
        {!filters.prefectureCode && geography.data ? <p className="notice">{t('board.areaRequired')}</p> : null}
        {active.error ? <ErrorAlert>{apiError.message(active.error)}</ErrorAlert> : null}
        {scope && active.isPending ? <p role="status">{t('app.loading')}</p> : null}
        {page && page.items.length === 0 ? <p className="notice">{t('board.empty')}</p> : null}
        {page && scope && page.items.length > 0 ? (
          <ol className="vacancy-list">
            {page.items.map((hit) => (
              <BoardRow key={hit.unit.id} hit={hit} scope={scope} changed={live.changed.has(hit.unit.id)} byCode={index.byCode} />
            ))}
          </ol>
        ) : null}
        {page ? <Pagination label={t('board.results')} total={page.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} /> : null}
        {grid && calendarScope ? (
          grid.items.length === 0 ? (
            <p className="notice">{t('calendar.empty')}</p>
          ) : (
            <>
              {user.role === Role.Coordinator ? <p className="calendar-hint">{t('calendar.tapHint')}</p> : null}
              <VacancyCalendarTable calendar={grid} scope={calendarScope} changed={live.changed} byCode={index.byCode} canRequest={user.role === Role.Coordinator} />
              <CalendarLegend />
              <Pagination label={t('board.results')} total={grid.total} limit={CALENDAR_PAGE_SIZE} offset={offset} onChange={setOffset} />
            </>
          )
        ) : null}
      </section>
    </section>
  );
}
