import type { Deployer } from '../deployer.ts';
import type { ProjectStore } from '../store.ts';
import type { JobRegistry, JobWork } from './registry.ts';

/**
 * `DELETE projects/{name}`: cancels the project's training, stops serving its deployments, removes
 * its models, labels and documents. Deployments that the authoring API did not create (model folders
 * placed under `models.customRoot` by hand) are not touched.
 */
export function deleteProjectWork(store: ProjectStore, deployer: Deployer, jobs: JobRegistry): JobWork {
  return async (job) => {
    for (const other of jobs.active(job.projectName)) if (other !== job) await jobs.cancelAndWait(other);
    const project = store.get(job.projectName);
    for (const name of [...project.deployments.keys()]) {
      await deployer.undeploy(job.projectName, name);
      project.deployments.delete(name);
      await store.saveDeployments(job.projectName);
    }
    await store.deleteProject(job.projectName);
  };
}
