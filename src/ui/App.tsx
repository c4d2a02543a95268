import { EarlyStopChart } from './charts/EarlyStopChart';
import { LayerDensityChart } from './charts/LayerDensityChart';
import { LotteryChart } from './charts/LotteryChart';
import { RoundCurvesChart } from './charts/RoundCurvesChart';
import { Header } from './header/Header';
import { HistoryPanel } from './history/HistoryPanel';
import { ResumeBanner } from './history/ResumeBanner';
import { ExperimentPanel } from './panel/ExperimentPanel';
import { PicturesPanel } from './pictures/PicturesPanel';
import { Region } from './Region';
import { Notices } from './run/Notices';
import { ProgressPanel } from './run/ProgressPanel';
import { RunControls } from './run/RunControls';
import { RunsTable } from './run/RunsTable';
import { LinkResultsBanner } from './share/LinkResultsBanner';
import { ShareButton } from './share/ShareButton';

/** Every region sits in its own error boundary: one that fails says so and offers a reset; the page never goes blank. */
export function App() {
  return (
    <Region name="The page" testId="app" reset="panel">
      <div className="app">
        <Region name="The header" testId="header"><Header /></Region>
        <div className="layout">
          <aside className="sidebar">
            <Region name="The experiment panel" testId="panel" reset="panel"><ExperimentPanel /></Region>
          </aside>
          <main className="main">
            <div className="run-bar">
              <div className="run-row">
                <Region name="The run controls" testId="controls" reset="panel"><RunControls /></Region>
                <Region name="The share button" testId="share"><ShareButton /></Region>
              </div>
              <Region name="The progress bars" testId="progress"><ProgressPanel /></Region>
            </div>
            <Region name="The resume banner" testId="resume" reset="history"><ResumeBanner /></Region>
            <Notices />
            <Region name="The link's results" testId="link-results" reset="charts"><LinkResultsBanner /></Region>
            <div className="grid">
              <Region name="The lottery-ticket chart" testId="lottery" reset="charts"><LotteryChart /></Region>
              <Region name="The training-curves chart" testId="curves" reset="charts"><RoundCurvesChart /></Region>
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
