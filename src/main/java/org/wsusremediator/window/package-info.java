/**
 * Change windows (docs/change-windows.md): the window file read into a {@link org.wsusremediator.window.Schedule}
 * ({@link org.wsusremediator.window.ScheduleFile}: {@link org.wsusremediator.window.ChangeWindow}s and the run's
 * {@link org.wsusremediator.apply.Rollout}, which lives in apply with its {@link org.wsusremediator.apply.Waves}
 * because a run proceeds by it and windows launch runs, not the other way round), and what opens
 * them: the Quartz triggers ({@link org.wsusremediator.window.WindowScheduler}) and the steps of the
 * window routes ({@link org.wsusremediator.window.ChangeWindowSteps}).
 */
package org.wsusremediator.window;
