import { EKS_NVIDIA_FAMILIES } from '../fleet';
import { EKS_GPU_LABEL, EKS_GPU_TYPES, eksNodeGroupLabels } from './eks-node-labels';

describe('the labels of an EKS pool\'s node groups', () => {
  test('the pool\'s labels and its name, which the Cluster Autoscaler balances its zones\' groups by', () => {
    expect(eksNodeGroupLabels({ name: 'system', machineType: 'm7i.large', labels: { 'node-role': 'system' } })).toEqual({ 'node-role': 'system', 'fleetsynth.io/node-pool': 'system' });
    expect(eksNodeGroupLabels({ name: 'arm', machineType: 'm7g.large' })).toEqual({ 'fleetsynth.io/node-pool': 'arm' });
  });

  test('an NVIDIA pool\'s nodes carry the GPU label the autoscaler on AWS waits on (k8s.amazonaws.com/accelerator): else it scales out again while the device plugin starts', () => {
    expect(EKS_GPU_LABEL).toBe('k8s.amazonaws.com/accelerator');
    expect(eksNodeGroupLabels({ name: 'gpu', machineType: 'g5.xlarge' })).toEqual({ 'k8s.amazonaws.com/accelerator': 'nvidia-a10g', 'fleetsynth.io/node-pool': 'gpu' });
    expect(eksNodeGroupLabels({ name: 'gpu', machineType: 'p4de.24xlarge' })[EKS_GPU_LABEL]).toBe('nvidia-a100-80gb');
    // Every family the NVIDIA AMI is chosen for has a GPU type, and only those.
    expect(Object.keys(EKS_GPU_TYPES).sort()).toEqual([...EKS_NVIDIA_FAMILIES].sort());
    expect(eksNodeGroupLabels({ name: 'gpu', machineType: 'g5g.xlarge' })).toEqual({ 'fleetsynth.io/node-pool': 'gpu' });
  });

  test('a value of the label the pool gives itself wins', () => {
    expect(eksNodeGroupLabels({ name: 'gpu', machineType: 'g4dn.xlarge', labels: { [EKS_GPU_LABEL]: 't4' } })[EKS_GPU_LABEL]).toBe('t4');
  });
});
