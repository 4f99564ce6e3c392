/**
 * Change windows (docs/change-windows.md): the window file read into a {@link org.wsusremediator.window.Schedule}
 * ({@link org.wsusremediator.window.ScheduleFile}: {@link org.wsusremediator.window.ChangeWindow}s, the
 * {@link org.wsusremediator.window.Rollout} and its {@link org.wsusremediator.window.Waves}), and what opens
 * them: the Quartz triggers ({@link org.wsusremediator.window.WindowScheduler}) and the steps of the
 * window routes ({@link org.wsusremediator.window.ChangeWindowSteps}).
 */
package org.wsusremediator.window;
