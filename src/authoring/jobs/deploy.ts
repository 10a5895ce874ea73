import { ApiError } from '../../http/errors.ts';
import { DeploymentLoadError, type Deployer } from '../deployer.ts';
import { authoringErrors } from '../failures.ts';
import type { ProjectStore } from '../store.ts';
import { azureTime } from '../time.ts';
import type { DeploymentRecord } from '../types.ts';
import type { JobWork } from './registry.ts';
import { MODEL_EXPIRATION_DATE } from './train.ts';

/** `PUT deployments/{name}`: serves the trained model as the deployment, on every worker, at once. */
export function deployWork(store: ProjectStore, deployer: Deployer): JobWork {
  return async (job) => {
    const project = store.get(job.projectName);
    const label = job.trainedModelLabel!;
    const model = project.models.get(label);
    if (!model) throw authoringErrors.notFound(`The trained model ${label} could not be found.`);
    try {
      await deployer.deploy(job.projectName, job.deploymentName!, store.servableDir(job.projectName, label));
    } catch (err) {
      if (!(err instanceof DeploymentLoadError)) throw err;
      throw ApiError.invalidRequest(`The trained model ${label} could not be served: ${err.message}`);
    }
    const now = azureTime();
    const record: DeploymentRecord = {
      deploymentName: job.deploymentName!,
      modelLabel: label,
      modelId: model.modelId,
      lastTrainedDateTime: model.lastTrainedDateTime,
      lastDeployedDateTime: now,
      deploymentExpirationDate: MODEL_EXPIRATION_DATE,
      modelTrainingConfigVersion: model.modelTrainingConfigVersion,
    };
    project.deployments.set(record.deploymentName, record);
    await store.saveDeployments(job.projectName);
    await store.saveProject({ ...project.record, lastDeployedDateTime: now });
  };
}

/** `DELETE deployments/{name}`: the deployment stops being served, then its record goes. */
export function deleteDeploymentWork(store: ProjectStore, deployer: Deployer): JobWork {
  return async (job) => {
    await deployer.undeploy(job.projectName, job.deploymentName!);
    store.get(job.projectName).deployments.delete(job.deploymentName!);
    await store.saveDeployments(job.projectName);
  };
}
