import { useEffect } from 'react';
import { useView } from '../store/hooks';
import { DensityTrainingChart } from './charts/DensityTrainingChart';
import { EarlyStopChart } from './charts/EarlyStopChart';
import { LayerDensityChart } from './charts/LayerDensityChart';
import { LmcSlot } from './charts/LmcSlot';
import { LotteryChart } from './charts/LotteryChart';
import { RoundCurvesChart } from './charts/RoundCurvesChart';
import { Header } from './header/Header';
import { HistoryPanel } from './history/HistoryPanel';
import { ResumeBanner } from './history/ResumeBanner';
import { ExperimentPanel } from './panel/ExperimentPanel';
import { PicturesPanel } from './pictures/PicturesPanel';
import { Region } from './Region';
import { Notices } from './run/Notices';
import { RunBar } from './run/RunBar';
import { RunsTable } from './run/RunsTable';
import { LinkResultsBanner } from './share/LinkResultsBanner';

/**
 * Header, then the run bar (Start and progress, always in reach), then the
 * settings panel beside the charts on a wide screen or folded above them on
 * a narrow one. Start is the fourth Tab stop: skip link, backend details,
 * backend menu, Start. Every region sits in its own error boundary: one that
 * fails says so and offers a reset; the page never goes blank.
 */
export function App() {
  const { panelOpen, presenting } = useView();
  useEffect(() => {
    document.documentElement.classList.toggle('presenting', presenting);
  }, [presenting]);
  return (
    <Region name="The page" testId="app" reset="panel">
      <div className={`app${panelOpen ? '' : ' panel-folded'}`}>
        <a className="skip-link" href="#run-bar">Skip to the run controls</a>
        <Region name="The header" testId="header"><Header /></Region>
        <RunBar />
        <div className="layout">
          {/* Focusable: on a wide screen it scrolls on its own, and while a run trains its fields are disabled. */}
          <aside className="sidebar" id="settings" aria-label="Experiment settings" hidden={!panelOpen} tabIndex={0}>
            <Region name="The experiment panel" testId="panel" reset="panel"><ExperimentPanel /></Region>
          </aside>
          <main className="main" id="main">
            <Region name="The resume banner" testId="resume" reset="history"><ResumeBanner /></Region>
            <Notices />
            <Region name="The link's results" testId="link-results" reset="charts"><LinkResultsBanner /></Region>
            <div className="grid">
              <Region name="The linear-mode-connectivity chart" testId="lmc-region" reset="charts"><LmcSlot /></Region>
              <Region name="The lottery-ticket chart" testId="lottery" reset="charts"><LotteryChart /></Region>
              <Region name="The training-curves chart" testId="curves" reset="charts"><RoundCurvesChart /></Region>
              <Region name="The mask-over-training chart" testId="density-training-region" reset="charts"><DensityTrainingChart /></Region>
              <Region name="The early-stop chart" testId="early-stop" reset="charts"><EarlyStopChart /></Region>
              <Region name="The layer-density chart" testId="layers" reset="charts"><LayerDensityChart /></Region>
            </div>
            <Region name="The pictures" testId="pictures" reset="charts"><PicturesPanel /></Region>
            <Region name="The runs table" testId="runs" reset="charts"><RunsTable /></Region>
            <Region name="The run history" testId="history" reset="history"><HistoryPanel /></Region>
          </main>
        </div>
      </div>
    </Region>
  );
}
